package dev.switchboard.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser itself accepts the format and rejects what Prometheus rejects. */
class PrometheusTextTest {
    static final String GOOD = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400",} 3
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            # TYPE h histogram
            h_bucket{le="0.05"} 24054
            h_bucket{le="+Inf"} 144320
            h_sum 53423
            h_count 144320
            nan_value NaN
            """;

    @Test
    void parsesTheSpecExample() {
        PrometheusText p = PrometheusText.parse(GOOD);
        assertEquals("counter", p.family("http_requests_total").type());
        assertEquals(1030, p.sum("http_requests_total", Map.of("method", "post")));
        assertEquals("C:\\DIR\\FILE.TXT", p.family("msdos_file_access_time_seconds").samples().get(0).labels().get("path"));
        assertEquals(4, p.family("h").samples().size());
    }

    @Test
    void rejectsViolations() {
        for (String bad : new String[] {"1bad 1\n", "a{l=\"x} 1\n", "a{l=\"x\"} one\n", "a 1\na 2\n", "a 1\nb 1\na 2\n",
                "a 1\n# TYPE a counter\n", "a{l=\"\\t\"} 1\n", "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 4\nh_count 4\n",
                "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 4\nh_count 5\n", "a 1"}) {
            assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(bad), bad);
        }
    }
}
