package dev.switchboard.engine.resilience;

/**
 * Timeouts and retry settings for one request.
 *
 * @param requestTimeoutMs     whole request (streams: until the first content chunk)
 * @param firstTokenTimeoutMs  a stream's first content chunk must arrive within this
 * @param streamStallTimeoutMs after the first chunk, the longest silence tolerated
 * @param maxRetries           retries on the same model before moving on
 * @param maxRetryWaitMs       longest wait for a retry; a longer Retry-After moves on at once
 * @param retryBaseDelayMs     base of the exponential backoff (full jitter)
 */
public record ResilienceSettings(long requestTimeoutMs, long firstTokenTimeoutMs, long streamStallTimeoutMs,
                                 int maxRetries, long maxRetryWaitMs, long retryBaseDelayMs) {
}
