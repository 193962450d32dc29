package dev.switchboard.toolkit.provider;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long an upstream asked us to wait: {@code retry-after-ms}, then {@code retry-after}. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * Parses the headers; {@code retry-after} may be seconds (decimals allowed) or an HTTP date.
     *
     * @return the wait, or null when absent or unreadable
     */
    public static Duration parse(MultiMap headers) {
        return parse(headers, Instant.now());
    }

    /** As {@link #parse(MultiMap)}, with the current time given (for tests). */
    public static Duration parse(MultiMap headers, Instant now) {
        if (headers == null) {
            return null;
        }
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                double v = Double.parseDouble(ms.trim());
                if (v >= 0) {
                    return Duration.ofMillis((long) v);
                }
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String ra = headers.get("retry-after");
        if (ra == null || ra.isBlank()) {
            return null;
        }
        ra = ra.trim();
        try {
            double seconds = Double.parseDouble(ra);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(ra, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
