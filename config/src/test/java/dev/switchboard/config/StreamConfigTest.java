package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow-control keys of streams: {@code server.stream-write-queue-bytes}, {@code event-bus.stream-*}. */
class StreamConfigTest {

    @Test
    void defaultsBoundEveryStream() {
        SwitchboardConfig c = ConfigLoaderTest.load("server: {port: 8080}");
        assertEquals(32_768, c.server().streamWriteQueueBytes());
        assertEquals(64, c.eventBus().streamWindow());
        assertEquals(30_000, c.eventBus().streamAckTimeoutMs());
    }

    @Test
    void valuesAreRead() {
        SwitchboardConfig c = ConfigLoaderTest.load("server: {stream-write-queue-bytes: 1048576}\n"
                + "event-bus: {stream-window: 8, stream-ack-timeout-ms: 5000}");
        assertEquals(1_048_576, c.server().streamWriteQueueBytes());
        assertEquals(8, c.eventBus().streamWindow());
        assertEquals(5_000, c.eventBus().streamAckTimeoutMs());
    }

    @Test
    void outOfRangeValuesNameTheirKeyPath() {
        ConfigException e = ConfigLoaderTest.invalid("server: {stream-write-queue-bytes: 10}\n"
                + "event-bus: {stream-window: 0, stream-ack-timeout-ms: -1}");
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("server.stream-write-queue-bytes", "event-bus.stream-window", "event-bus.stream-ack-timeout-ms")),
                paths.toString());
        String message = e.errors().stream().filter(x -> x.path().equals("server.stream-write-queue-bytes")).findFirst().orElseThrow().message();
        assertTrue(message.contains("1024"), message);
    }
}
