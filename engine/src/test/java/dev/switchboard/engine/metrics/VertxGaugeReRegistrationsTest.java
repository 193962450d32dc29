package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.SwitchboardConfig;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The start-up warning that the Vert.x event-bus gauges are registered twice is gone; the gauges still count. */
class VertxGaugeReRegistrationsTest {

    @Test
    void eventBusConsumersRegisterWithoutAWarningAndAreCounted() throws Exception {
        Logger micrometer = Logger.getLogger(VertxGaugeReRegistrations.MICROMETER_LOGGER);
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Level before = micrometer.getLevel();
        micrometer.setLevel(Level.ALL); // Micrometer warns once, then logs the same at debug: see both
        micrometer.addHandler(capture);
        Observability observability = Observability.create(new SwitchboardConfig.Logging(10, null, 1024, 1),
                new SwitchboardConfig.Metrics(SwitchboardConfig.Metrics.DEFAULT_VERTX), dev.switchboard.engine.tracing.Tracing.OFF);
        Vertx vertx = observability.newVertx(null, null, io.vertx.core.transport.Transport.NIO).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        try {
            for (String address : List.of("test.a", "test.b", "test.c", "test.a")) {
                vertx.eventBus().consumer(address, m -> { }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            assertTrue(logged.stream().noneMatch(m -> m.contains("already registered")), logged.toString());
            assertEquals(4.0, observability.registry().find("vertx.eventbus.handlers").gauge().value());

            // a gauge of ours registered twice is still reported
            AtomicInteger value = new AtomicInteger();
            observability.registry().gauge("switchboard.test.twice", List.of(), value, AtomicInteger::get);
            observability.registry().gauge("switchboard.test.twice", List.of(), new AtomicInteger(), AtomicInteger::get);
            assertTrue(logged.stream().anyMatch(m -> m.contains("already registered") && m.contains("switchboard.test.twice")),
                    logged.toString());
        } finally {
            micrometer.removeHandler(capture);
            micrometer.setLevel(before);
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            observability.close();
        }
    }
}
