package dev.switchboard.engine.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.spi.chat.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request's usage and cost with the poor answers it was escalated from: summed, the served one never twice. */
class PoorAnswerTest {
    static Attempt poor(String model, Usage usage, Double cost, boolean escalated) {
        return Attempt.poor(model, 5, new PoorAnswer("empty", "p", usage, cost, escalated));
    }

    @Test
    void escalatedAnswersAddToTheServedOnes() {
        List<Attempt> attempts = List.of(poor("a", Usage.of(10, 1).withCost(0.5), 0.5, true), new Attempt("b", "upstream_5xx", 500, 3),
                poor("c", Usage.of(20, 2).withCost(0.25), 0.25, true), new Attempt("d", "ok", 200, 4));
        Usage total = PoorAnswer.totalUsage(Usage.of(100, 10).withCost(1.0), attempts);
        assertEquals(130, total.promptTokens());
        assertEquals(13, total.completionTokens());
        assertEquals(1.75, total.cost(), 1e-12);
        assertEquals(1.75, PoorAnswer.totalCost(1.0, attempts), 1e-12);
    }

    @Test
    void aPoorAnswerServedAsItIsIsTheRequestsOwnUsage() {
        List<Attempt> attempts = List.of(poor("a", Usage.of(10, 1), 0.5, true), poor("b", Usage.of(7, 0), 0.25, false));
        assertEquals(17, PoorAnswer.totalUsage(Usage.of(7, 0), attempts).promptTokens());
        assertEquals(0.75, PoorAnswer.totalCost(0.25, attempts), 1e-12);
        assertEquals("a:poor(empty),b:poor(empty)", new Served<>(null, "x", attempts).attemptsHeader());
    }

    @Test
    void unknownPartsAreLeftOutNotMadeZero() {
        List<Attempt> unpriced = List.of(poor("a", null, null, true));
        assertNull(PoorAnswer.totalCost(null, unpriced), "nothing known: unknown");
        assertEquals(0.5, PoorAnswer.totalCost(0.5, unpriced), 1e-12);
        assertEquals(0.25, PoorAnswer.totalCost(null, List.of(poor("a", Usage.of(1, 1), 0.25, true))), 1e-12);
        assertEquals(3, PoorAnswer.totalUsage(null, List.of(poor("a", Usage.of(2, 1), null, true))).totalTokens());
        assertNull(PoorAnswer.totalUsage(Usage.of(1, 1), List.of(poor("a", Usage.of(2, 1), null, true))).cost(),
                "a usage whose parts are not all priced carries no cost");
    }
}
