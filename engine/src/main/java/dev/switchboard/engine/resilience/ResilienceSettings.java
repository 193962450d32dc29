package dev.switchboard.engine.resilience;

import dev.switchboard.config.SwitchboardConfig;

/**
 * Timeouts, retry and breaker settings for one request or one model.
 *
 * @param requestTimeoutMs     whole request (streams: until the first content chunk)
 * @param firstTokenTimeoutMs  a stream's first content chunk must arrive within this
 * @param streamStallTimeoutMs after the first chunk, the longest silence tolerated
 * @param maxRetries           retries on the same model before moving on
 * @param maxRetryWaitMs       longest wait for a retry; a longer Retry-After moves on at once
 * @param retryBaseDelayMs     base of the exponential backoff (full jitter)
 * @param breakerThreshold     consecutive transient failures that open a model's breaker
 * @param breakerResetMs       how long a breaker stays open before one trial request
 */
public record ResilienceSettings(long requestTimeoutMs, long firstTokenTimeoutMs, long streamStallTimeoutMs,
                                 int maxRetries, long maxRetryWaitMs, long retryBaseDelayMs,
                                 int breakerThreshold, long breakerResetMs) {

    /** From the config record. */
    public static ResilienceSettings of(SwitchboardConfig.Resilience r) {
        return new ResilienceSettings(r.requestTimeoutMs(), r.firstTokenTimeoutMs(), r.streamStallTimeoutMs(), r.maxRetries(),
                r.maxRetryWaitMs(), r.retryBaseDelayMs(), r.breaker().failureThreshold(), r.breaker().resetTimeoutMs());
    }
}
