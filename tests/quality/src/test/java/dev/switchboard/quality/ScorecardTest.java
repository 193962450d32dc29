package dev.switchboard.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's arithmetic, on a scripted router whose answers are known. */
class ScorecardTest {
    private static final Map<String, ModelDescriptor> CATALOG = Map.of(
            "cheap", model("cheap", 1.0, 2.0), "dear", model("dear", 10.0, 20.0));
    /** One token per character: costs are easy to check by hand. */
    private final CostModel costs = new CostModel(CATALOG, String::length);

    @Test
    void countsAccuracyConfusionTierRatesAndCost() {
        List<EvalItem> items = List.of(
                item("a", "xx", "code", "premium"),          // hard
                item("b", "xx", "code", "standard"),         // hard
                item("c", "xx", "conversation", "budget"),   // easy
                item("d", "xx", "general", "mid"));          // easy, a category the router lacks
        Map<String, Verdict> answers = Map.of(
                "a", new Verdict("code", "budget", "cheap", 1000),
                "b", new Verdict("reasoning", "standard", "dear", 2000),
                "c", new Verdict("conversation", "premium", "dear", 3000),
                "d", new Verdict("conversation", "budget", "cheap", 4000));
        Subject scripted = new Subject() {
            public String name() {
                return "scripted";
            }

            public List<String> categories() {
                return List.of("code", "reasoning", "conversation");
            }

            public List<String> tiers() {
                return List.of("budget", "mid", "standard", "premium");
            }

            public Verdict decide(EvalItem item) {
                return answers.get(item.id());
            }
        };
        Scorecard card = new Scorecard(scripted, costs, "dear");
        items.forEach(i -> card.add(i, scripted.decide(i)));

        assertEquals(0.5, card.categoryAccuracy(), 1e-9);
        assertEquals(2 / 3.0, card.inScopeCategoryAccuracy(), 1e-9);
        assertEquals(1, card.categoryConfusion().get("code").get("reasoning"));
        assertEquals(1, card.categoryConfusion().get("general").get("conversation"));
        assertEquals(0.25, card.tierAccuracy(), 1e-9);
        assertEquals(0.5, card.hardToBudgetRate(), 1e-9);   // a: premium -> budget
        assertEquals(0.5, card.easyToPremiumRate(), 1e-9);  // c: budget -> premium
        assertEquals(Map.of("budget", 2, "mid", 0, "standard", 1, "premium", 1), card.tierDistribution());
        // input tokens = 2 chars + 4 per message + 3 reply framing = 9; output by labelled tier
        double routed = cost(1, 2, 9, 1500) + cost(10, 20, 9, 800) + cost(10, 20, 9, 150) + cost(1, 2, 9, 400);
        double premium = cost(10, 20, 9, 1500) + cost(10, 20, 9, 800) + cost(10, 20, 9, 150) + cost(10, 20, 9, 400);
        assertEquals(routed / premium, card.costVsPremium(), 1e-12);
        assertEquals(2.0, card.micros(50), 1e-9);
        assertEquals(4.0, card.micros(99), 1e-9);
    }

    private static double cost(double in, double out, int inTokens, int outTokens) {
        return (inTokens * in + outTokens * out) / 1_000_000.0;
    }

    private static EvalItem item(String id, String text, String category, String tier) {
        return new EvalItem(id, text, category, tier, new JsonObject().put("dataset", "test"), "scripted");
    }

    private static ModelDescriptor model(String id, double in, double out) {
        return new ModelDescriptor(id, "p", id, 100_000, 4_096, Set.of(), in, out, null, List.of());
    }
}
