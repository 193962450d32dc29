package dev.switchboard.engine.resilience;

import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do after a failed attempt: retry the same model after a delay, move to another
 * candidate, or give up. Decided by {@link ErrorKind}, never by message text.
 *
 * @param action  the step
 * @param delayMs the wait before a retry
 * @param next    the candidate index to move to
 */
record RetryDecision(Action action, long delayMs, int next) {

    enum Action { RETRY, NEXT, FAIL }

    static RetryDecision decide(ProviderException e, List<ModelDescriptor> candidates, int index, int retries,
                                ResilienceSettings s, long remainingMs) {
        if (e.kind() == ErrorKind.CONTEXT_LENGTH) {
            int current = candidates.get(index).contextWindow();
            for (int j = index + 1; j < candidates.size(); j++) {
                if (candidates.get(j).contextWindow() > current) {
                    return new RetryDecision(Action.NEXT, 0, j);
                }
            }
            return new RetryDecision(Action.FAIL, 0, -1);
        }
        if (!e.kind().isTransient()) {
            return new RetryDecision(Action.FAIL, 0, -1);
        }
        Duration ra = e.retryAfter();
        boolean retryAfterTooLong = ra != null && ra.toMillis() > s.maxRetryWaitMs();
        if (retries < s.maxRetries() && !retryAfterTooLong) {
            long delay = ra != null ? ra.toMillis() : backoff(s.retryBaseDelayMs(), retries, s.maxRetryWaitMs());
            if (delay < remainingMs) {
                return new RetryDecision(Action.RETRY, delay, index);
            }
        }
        return index + 1 < candidates.size() ? new RetryDecision(Action.NEXT, 0, index + 1) : new RetryDecision(Action.FAIL, 0, -1);
    }

    /** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retries)]. */
    static long backoff(long base, int retries, long cap) {
        long ceiling = Math.min(cap, base << Math.min(retries, 20));
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
