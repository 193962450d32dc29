package dev.switchboard.plugins.router.weighted;

import static dev.switchboard.testkit.Messages.user;
import static dev.switchboard.testkit.Requests.body;
import static dev.switchboard.testkit.Requests.routing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistical behaviour: random and sticky picks follow the weights, a sticky key keeps its target,
 * and re-weighting one target moves keys only to or from that target. Tolerances are more than
 * five standard deviations wide, so the random test does not flake.
 */
class WeightedDistributionTest {

    private static final int N = 10_000;
    private static final double TOLERANCE = 0.025;
    private static final String SPLIT = "{\"gpt-4o\": 70, \"gpt-4o-mini\": 20, \"claude-haiku\": 10}";
    private static final Map<String, Double> EXPECTED = Map.of("gpt-4o", 0.7, "gpt-4o-mini", 0.2, "claude-haiku", 0.1);

    /** Requests from {@code user-0} to {@code user-9999}, parsed once. */
    private static final List<RoutingRequest> USERS =
            IntStream.range(0, N).mapToObj(i -> forUser("user-" + i)).collect(Collectors.toList());

    private static Router router(String targets, String stickyBy) {
        JsonObject options = new JsonObject().put("targets", new JsonObject(targets));
        if (stickyBy != null) {
            options.put("sticky-by", stickyBy);
        }
        return new WeightedRouterFactory().create(options, WeightedRouterTest.CONTEXT);
    }

    private static RoutingRequest forUser(String id) {
        JsonObject b = new JsonObject(body("ab", user("Hello")));
        if (id != null) {
            b.put("user", id);
        }
        return routing(b, WeightedRouterTest.CATALOG);
    }

    private static void assertShares(Map<String, Integer> counts) {
        EXPECTED.forEach((target, share) -> {
            double actual = counts.getOrDefault(target, 0) / (double) N;
            assertTrue(Math.abs(actual - share) < TOLERANCE, () -> target + " got " + actual + ", expected " + share + " of " + counts);
        });
    }

    @Test
    void randomPicksFollowTheWeights() {
        Router router = router(SPLIT, null);
        Map<String, Integer> counts = new HashMap<>();
        RoutingRequest request = forUser(null);
        for (int i = 0; i < N; i++) {
            counts.merge(router.route(request).primary(), 1, Integer::sum);
        }
        assertShares(counts);
    }

    @Test
    void stickyKeysSpreadByTheWeights() {
        Router router = router(SPLIT, "user");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < N; i++) {
            counts.merge(router.route(USERS.get(i)).primary(), 1, Integer::sum);
        }
        assertShares(counts);
    }

    @Test
    void aStickyKeyKeepsItsTargetOnEveryCallAndEveryNode() {
        Router router = router(SPLIT, "user");
        Router otherNode = router(SPLIT, "user");
        for (int i = 0; i < 200; i++) {
            RoutingRequest request = forUser("person-" + i);
            String first = router.route(request).primary();
            for (int call = 0; call < 10; call++) {
                assertEquals(first, router.route(request).primary());
            }
            assertEquals(first, otherNode.route(request).primary());
        }
    }

    @Test
    void aMissingStickyKeyFallsBackToRandomPicks() {
        Router router = router(SPLIT, "user");
        Set<String> seen = new HashSet<>();
        for (String id : new String[] {null, "", "   "}) {
            for (int i = 0; i < 1000; i++) {
                RoutingDecision decision = router.route(forUser(id));
                seen.add(decision.primary());
                assertTrue(decision.reason().endsWith(", random: no user)"), decision::reason);
            }
        }
        assertEquals(EXPECTED.keySet(), seen);
    }

    static Stream<Arguments> reweightings() {
        return Stream.of(
                Arguments.of("heavier claude-haiku", "{\"gpt-4o\": 70, \"gpt-4o-mini\": 20, \"claude-haiku\": 30}",
                        "claude-haiku", true, 30 / 120.0 - 0.1),
                Arguments.of("lighter gpt-4o-mini", "{\"gpt-4o\": 70, \"gpt-4o-mini\": 5, \"claude-haiku\": 10}",
                        "gpt-4o-mini", false, 0.2 - 5 / 85.0),
                Arguments.of("heavier gpt-4o", "{\"gpt-4o\": 140, \"gpt-4o-mini\": 20, \"claude-haiku\": 10}",
                        "gpt-4o", true, 140 / 170.0 - 0.7),
                Arguments.of("new target llama", "{\"gpt-4o\": 70, \"gpt-4o-mini\": 20, \"claude-haiku\": 10, \"llama\": 25}",
                        "llama", true, 25 / 125.0),
                Arguments.of("gpt-4o-mini removed", "{\"gpt-4o\": 70, \"claude-haiku\": 10}", "gpt-4o-mini", false, 0.2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reweightings")
    void reweightingOneTargetMovesOnlyKeysToOrFromIt(String name, String after, String changed, boolean gains, double share) {
        Router before = router(SPLIT, "user");
        Router later = router(after, "user");
        int moved = 0;
        for (int i = 0; i < N; i++) {
            RoutingRequest request = USERS.get(i);
            String was = before.route(request).primary();
            String now = later.route(request).primary();
            if (!was.equals(now)) {
                moved++;
                String key = request.request().user();
                assertEquals(changed, gains ? now : was, () -> key + " moved from " + was + " to " + now);
            }
        }
        double fraction = moved / (double) N;
        // only the keys the changed share requires move, no more
        assertTrue(Math.abs(fraction - share) < TOLERANCE, () -> "moved " + fraction + ", expected about " + share);
    }
}
