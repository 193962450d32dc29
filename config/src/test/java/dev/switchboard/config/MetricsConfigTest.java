package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code metrics} keys: which Vert.x metric domains are reported, how many key names get a label. */
class MetricsConfigTest {

    @Test
    void defaultIsTheDomainsOffTheRequestPath() {
        assertEquals(Set.of("event-bus", "pools", "verticles"), ConfigLoaderTest.load("server: {port: 8080}").metrics().vertx());
    }

    @Test
    void domainsAreReadAndAllMeansEvery() {
        assertEquals(Set.of("http-server", "http-client"),
                ConfigLoaderTest.load("metrics: {vertx: [http-server, http-client]}").metrics().vertx());
        assertEquals(new HashSet<>(SwitchboardConfig.Metrics.VERTX_DOMAINS), ConfigLoaderTest.load("metrics: {vertx: [all]}").metrics().vertx());
        assertEquals(Set.of(), ConfigLoaderTest.load("metrics: {vertx: []}").metrics().vertx());
    }

    @Test
    void unknownDomainsAndKeysNameTheirPathAndTheChoices() {
        ConfigException e = ConfigLoaderTest.invalid("metrics: {vertx: [http-server, http], histograms: true}");
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("metrics.vertx[1]", "metrics.histograms")), paths.toString());
        String message = e.errors().stream().filter(x -> x.path().equals("metrics.vertx[1]")).findFirst().orElseThrow().message();
        assertTrue(message.contains("'http'") && message.contains("http-client"), message);
        assertEquals("metrics.vertx", ConfigLoaderTest.invalid("metrics: {vertx: http-server}").errors().get(0).path());
    }

    @Test
    void maxKeyLabelsDefaultsTo100AndIsRangeChecked() {
        assertEquals(100, ConfigLoaderTest.load("server: {port: 8080}").metrics().maxKeyLabels());
        assertEquals(0, ConfigLoaderTest.load("metrics: {max-key-labels: 0}").metrics().maxKeyLabels());
        assertEquals(500, ConfigLoaderTest.load("metrics: {max-key-labels: 500, vertx: [all]}").metrics().maxKeyLabels());
        ConfigError e = ConfigLoaderTest.invalid("metrics: {max-key-labels: -1}").errors().get(0);
        assertEquals("metrics.max-key-labels", e.path());
        assertTrue(e.message().contains("between 0 and 10000"), e.message());
        assertEquals("metrics.max-key-labels", ConfigLoaderTest.invalid("metrics: {max-key-labels: lots}").errors().get(0).path());
    }
}
