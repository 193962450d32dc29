package dev.switchboard.engine.metrics;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps Micrometer from warning, at every start, that the Vert.x event-bus gauges are "already
 * registered". vertx-micrometer-metrics registers {@code vertx.eventbus.handlers} and
 * {@code vertx.eventbus.pending} again for every event-bus consumer, on purpose: the gauges have no
 * address tag, and its per-id table hands every registration the same counter, so the values stay
 * right (vert-x3/vertx-micrometer-metrics#259, micrometer-metrics/micrometer#6931). Micrometer
 * 1.13.9+ warns about any gauge registered twice. This filter drops exactly that message for
 * exactly those Vert.x gauges; a gauge of ours registered twice still warns, and everything else
 * Micrometer logs passes.
 */
final class VertxGaugeReRegistrations implements Filter {
    /** The logger Micrometer's {@code MeterRegistry} warns on (JUL: Micrometer logs through it when no SLF4J binding is present). */
    static final String MICROMETER_LOGGER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MESSAGE = "has been already registered (MeterId{name='vertx.eventbus.";
    // JUL holds loggers weakly: a logger configured but not referenced may be collected with its filter
    private static final Logger LOGGER = Logger.getLogger(MICROMETER_LOGGER);

    private final Filter next;

    private VertxGaugeReRegistrations(Filter next) {
        this.next = next;
    }

    /** Installs the filter on Micrometer's logger, once; a filter already there still applies after it. */
    static synchronized void install() {
        Filter current = LOGGER.getFilter();
        if (!(current instanceof VertxGaugeReRegistrations)) {
            LOGGER.setFilter(new VertxGaugeReRegistrations(current));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.contains(MESSAGE)) {
            return false;
        }
        return next == null || next.isLoggable(record);
    }
}
