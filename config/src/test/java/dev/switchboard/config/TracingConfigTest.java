package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code tracing} keys: defaults, validation with key paths, the OTEL_* fallbacks and redaction of collector headers. */
class TracingConfigTest {

    static SwitchboardConfig load(String yaml, Map<String, String> env) {
        return ConfigLoader.fromTree(ConfigLoader.parse(yaml, "test.yaml"), ConfigLoaderTest.TYPES, env::get);
    }

    static ConfigError only(String yaml, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml, env));
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    @Test
    void offByDefault() {
        SwitchboardConfig.Tracing t = load("server: {port: 8080}", Map.of()).tracing();
        assertFalse(t.enabled());
        assertEquals("http://localhost:4318/v1/traces", t.endpoint());
        assertEquals("http/protobuf", t.protocol());
        assertEquals("switchboard", t.serviceName());
        assertEquals(1.0, t.sampleRatio());
    }

    @Test
    void keysAreRead() {
        SwitchboardConfig.Tracing t = load("""
                tracing: {enabled: true, endpoint: "http://collector:4318/v1/traces", service-name: gw, sample-ratio: 0.25,
                          headers: {x-team: abc}, export-timeout-ms: 2000,
                          batch: {max-queue-size: 100, max-export-batch-size: 10, schedule-delay-ms: 50}}
                """, Map.of()).tracing();
        assertTrue(t.enabled());
        assertEquals("http://collector:4318/v1/traces", t.endpoint());
        assertEquals("gw", t.serviceName());
        assertEquals(0.25, t.sampleRatio());
        assertEquals(Map.of("x-team", "abc"), t.headers());
        assertEquals(2000, t.exportTimeoutMs());
        assertEquals(List.of(100, 10, 50L), List.of(t.maxQueueSize(), t.maxExportBatchSize(), t.scheduleDelayMs()));
        assertFalse(t.toString().contains("abc"), "header values are credentials: " + t);
    }

    @Test
    void badEndpointNamesItsKeyPath() {
        ConfigError e = only("tracing: {enabled: true, endpoint: \"collector:4318\"}", Map.of());
        assertEquals("tracing.endpoint", e.path());
        assertTrue(e.message().contains("http(s) URL") && e.message().contains("'collector:4318'"), e.message());
        assertEquals("tracing.endpoint", only("tracing: {endpoint: \"ftp://collector/v1/traces\"}", Map.of()).path());
    }

    @Test
    void unknownProtocolNamesItsKeyPathAndGrpcSaysWhatToUse() {
        ConfigError e = only("tracing: {protocol: http/thrift}", Map.of());
        assertEquals("tracing.protocol", e.path());
        assertTrue(e.message().contains("'http/thrift'") && e.message().contains("http/protobuf"), e.message());
        ConfigError grpc = only("tracing: {protocol: grpc}", Map.of());
        assertEquals("tracing.protocol", grpc.path());
        assertTrue(grpc.message().contains("4318"), grpc.message());
    }

    @Test
    void sampleRatioOutOfRangeNamesItsKeyPath() {
        ConfigError high = only("tracing: {sample-ratio: 1.5}", Map.of());
        assertEquals("tracing.sample-ratio", high.path());
        assertTrue(high.message().contains("between 0 and 1") && high.message().contains("1.5"), high.message());
        assertEquals("tracing.sample-ratio", only("tracing: {sample-ratio: -0.1}", Map.of()).path());
        assertEquals("tracing.sample-ratio", only("tracing: {sample-ratio: lots}", Map.of()).path());
    }

    @Test
    void otherMistakesNameTheirKeyPaths() {
        assertEquals("tracing.batch.max-export-batch-size",
                only("tracing: {batch: {max-queue-size: 10, max-export-batch-size: 20}}", Map.of()).path());
        assertEquals("tracing.export-timeout-ms", only("tracing: {export-timeout-ms: 0}", Map.of()).path());
        assertEquals("tracing.headers", only("tracing: {headers: [a]}", Map.of()).path());
        assertEquals("tracing.sampler", only("tracing: {sampler: always}", Map.of()).path());
        ConfigError secret = only("tracing: {headers: {x-key: [sk-123]}}", Map.of());
        assertEquals("tracing.headers.x-key", secret.path());
        assertFalse(secret.message().contains("sk-123"), secret.message());
    }

    @Test
    void otelVariablesFillUnsetKeys() {
        SwitchboardConfig.Tracing t = load("server: {port: 8080}", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318",
                "OTEL_SERVICE_NAME", "edge", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.5",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%3Dcret,x-b=2", "OTEL_BSP_SCHEDULE_DELAY", "100")).tracing();
        assertTrue(t.enabled(), "an OTLP endpoint in the environment turns tracing on");
        assertEquals("http://otel:4318/v1/traces", t.endpoint(), "the signal path is added to the general endpoint");
        assertEquals("edge", t.serviceName());
        assertEquals(0.5, t.sampleRatio());
        assertEquals(Map.of("api-key", "s=cret", "x-b", "2"), t.headers());
        assertEquals(100, t.scheduleDelayMs());
        assertEquals("http://t:4318/custom", load("server: {port: 8080}",
                Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:4318/custom")).tracing().endpoint(), "the traces URL is used as it is");
        assertFalse(load("server: {port: 8080}", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318", "OTEL_SDK_DISABLED", "true"))
                .tracing().enabled());
    }

    @Test
    void fileKeysWinOverOtelVariables() {
        SwitchboardConfig.Tracing t = load("tracing: {enabled: false, endpoint: \"http://file:4318/v1/traces\", service-name: file}",
                Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://env:4318/v1/traces",
                        "OTEL_SERVICE_NAME", "env")).tracing();
        assertFalse(t.enabled());
        assertEquals("http://file:4318/v1/traces", t.endpoint());
        assertEquals("file", t.serviceName());
    }

    @Test
    void aBadVariableNamesTheKeyPathAndTheVariable() {
        ConfigError e = only("server: {port: 8080}", Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));
        assertEquals("tracing.protocol", e.path());
        assertTrue(e.message().contains("OTEL_EXPORTER_OTLP_PROTOCOL"), e.message());
        ConfigError ratio = only("server: {port: 8080}", Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "2"));
        assertEquals("tracing.sample-ratio", ratio.path());
        assertTrue(ratio.message().contains("OTEL_TRACES_SAMPLER_ARG"), ratio.message());
    }

    @Test
    void collectorHeadersAreRedactedInDumps() {
        SwitchboardConfig c = load("tracing: {headers: {x-honeycomb-team: hc-secret-1, authorization: \"Bearer t\"}}", Map.of());
        String dump = ConfigRedactor.redact(c.tree(), ConfigLoaderTest.TYPES).encode();
        assertFalse(dump.contains("hc-secret-1") || dump.contains("Bearer t"), dump);
        assertTrue(dump.contains("x-honeycomb-team"), "the header names stay: " + dump);
        assertTrue(ConfigRedactor.secretValues(c.tree(), ConfigLoaderTest.TYPES).contains("hc-secret-1"));
    }
}
