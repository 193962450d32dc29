package dev.switchboard.engine.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.resilience.RetryDecision.Action;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the attempt loop does after a failed attempt, decided by error kind, retries, Retry-After and the deadline. */
class RetryDecisionTest {
    static final List<ModelDescriptor> CHAIN = List.of(model("small", 8_000), model("same", 8_000), model("large", 128_000));
    /** Two retries, backoff base 100 ms, retry waits capped at 2 s. */
    static final ResilienceSettings S = new ResilienceSettings(60_000, 20_000, 30_000, 2, 2_000, 100, 3, 30_000);

    static ModelDescriptor model(String id, int window) {
        return ModelDescriptor.of(id, "p", window, 1_000, Set.of());
    }

    static ProviderException error(ErrorKind kind, Duration retryAfter) {
        return new ProviderException(kind, kind.defaultStatus(), null, kind.name(), retryAfter);
    }

    static RetryDecision decide(ProviderException e, int index, int retries, long remainingMs) {
        return RetryDecision.decide(e, CHAIN, index, retries, S, remainingMs);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"AUTH", "BAD_REQUEST", "CONTENT_FILTER", "NOT_FOUND"})
    void aClientOrCredentialErrorFailsAtOnceWithoutRetryOrFallback(ErrorKind kind) {
        assertEquals(new RetryDecision(Action.FAIL, 0, -1), decide(error(kind, null), 0, 0, 60_000));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"RATE_LIMITED", "OVERLOADED", "TIMEOUT", "CONNECTION", "UPSTREAM_5XX", "MALFORMED_RESPONSE"})
    void aTransientErrorIsRetriedOnTheSameModelWithBackoffWithinItsCeiling(ErrorKind kind) {
        for (int retries = 0; retries < S.maxRetries(); retries++) {
            RetryDecision d = decide(error(kind, null), 1, retries, 60_000);
            assertEquals(Action.RETRY, d.action());
            assertEquals(1, d.next());
            long ceiling = Math.min(S.maxRetryWaitMs(), S.retryBaseDelayMs() << retries);
            assertTrue(d.delayMs() >= 0 && d.delayMs() <= ceiling, d.delayMs() + " within [0, " + ceiling + "]");
        }
    }

    @Test
    void retriesAreBoundedByMaxRetriesThenTheNextCandidateThenFailure() {
        ProviderException e = error(ErrorKind.OVERLOADED, null);
        assertEquals(new RetryDecision(Action.NEXT, 0, 1), decide(e, 0, S.maxRetries(), 60_000));
        assertEquals(new RetryDecision(Action.FAIL, 0, -1), decide(e, 2, S.maxRetries(), 60_000));
    }

    @Test
    void retryAfterIsTheDelayWhenItFitsTheCap() {
        assertEquals(new RetryDecision(Action.RETRY, 1_500, 0), decide(error(ErrorKind.RATE_LIMITED, Duration.ofMillis(1_500)), 0, 0, 60_000));
    }

    @Test
    void aRetryAfterLongerThanTheCapMovesOnAtOnce() {
        assertEquals(new RetryDecision(Action.NEXT, 0, 1), decide(error(ErrorKind.RATE_LIMITED, Duration.ofSeconds(30)), 0, 0, 60_000));
    }

    @Test
    void aRetryThatWouldOutliveTheRequestDeadlineMovesOn() {
        assertEquals(new RetryDecision(Action.NEXT, 0, 1), decide(error(ErrorKind.RATE_LIMITED, Duration.ofMillis(1_500)), 0, 0, 1_000));
    }

    @Test
    void contextLengthSkipsToTheFirstCandidateWithALargerWindowOrFails() {
        ProviderException e = error(ErrorKind.CONTEXT_LENGTH, null);
        assertEquals(new RetryDecision(Action.NEXT, 0, 2), decide(e, 0, 0, 60_000), "'same' has no larger window");
        assertEquals(new RetryDecision(Action.FAIL, 0, -1), decide(e, 2, 0, 60_000));
    }

    @Test
    void backoffIsFullJitterUpToTheCappedExponential() {
        for (int i = 0; i < 200; i++) {
            assertTrue(RetryDecision.backoff(100, 3, 10_000) <= 800);
            assertTrue(RetryDecision.backoff(100, 30, 2_000) <= 2_000);
        }
        assertEquals(0, RetryDecision.backoff(0, 5, 2_000));
    }
}
