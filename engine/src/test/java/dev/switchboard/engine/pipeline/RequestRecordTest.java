package dev.switchboard.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.engine.resilience.Attempt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRecordTest {

    private static RequestRecord served(String model, String... attemptModels) {
        List<Attempt> attempts = java.util.Arrays.stream(attemptModels)
                .map(m -> new Attempt(m, m.equals(model) ? "ok" : "upstream_5xx", 500, 1)).toList();
        return new RequestRecord("req-1", 0, null, null, "direct", Map.of(), model, model == null ? null : "p", attempts, 1, null, null,
                null, model == null ? 502 : 200, null, false, null);
    }

    @Test
    void fallbacksCountModelsGivenUpOnAndRetriesCountRepeatsOnOneModel() {
        RequestRecord once = served("a", "a");
        assertEquals(0, once.fallbacks());
        assertEquals(0, once.retries());
        RequestRecord r = served("b", "a", "a", "b");
        assertEquals(1, r.fallbacks());
        assertEquals(1, r.retries());
        RequestRecord none = served(null, "a", "b", "a", "c");
        assertEquals(3, none.fallbacks(), "every model tried when none served");
        assertEquals(1, none.retries());
        assertEquals(0, served(null).fallbacks(), "no attempt at all");
    }

    @Test
    void candidatesPassedOverAreGivenUpOnButNeverRetries() {
        RequestRecord r = new RequestRecord("req-1", 0, "auto", "fixed", "fixed", Map.of(), "c", "p",
                List.of(Attempt.skip("a", Attempt.BREAKER_OPEN), Attempt.skip("b", Attempt.CAPABILITY), new Attempt("c", "ok", 200, 3)),
                3, null, null, null, 200, null, false, null);
        assertEquals(2, r.fallbacks());
        assertEquals(0, r.retries());
        RequestRecord demoted = new RequestRecord("req-2", 0, "auto", "fixed", "fixed", Map.of(), "a", "p",
                List.of(Attempt.skip("a", Attempt.BUDGET), new Attempt("b", "upstream_5xx", 503, 1), new Attempt("a", "ok", 200, 3)),
                3, null, null, null, 200, null, false, null);
        assertEquals(1, demoted.fallbacks(), "b; a served after all");
        assertEquals(0, demoted.retries(), "one call on each model");
    }
}
