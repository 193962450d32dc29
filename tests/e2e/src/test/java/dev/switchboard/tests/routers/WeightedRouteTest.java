package dev.switchboard.tests.routers;

import static dev.switchboard.tests.routers.RouterFixture.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code weighted} router over HTTP with {@code sticky-by: user}. */
class WeightedRouteTest extends RouteTestBase {
    static final Map<String, String> UPSTREAM = Map.of("cheap-text", "up-cheap", "mid-text", "up-mid");
    @Test
    void sameUserAlwaysLandsOnTheSameTarget() throws Exception {
        RouterFixture.Served first = fx.complete(chat("ab", "hello from alice").put("user", "alice"));
        String target = first.header("x-switchboard-model");
        for (int i = 0; i < 6; i++) {
            RouterFixture.Served s = fx.complete(chat("ab", "message number " + i).put("user", "alice"));
            assertEquals(target, s.header("x-switchboard-model"));
            assertEquals("ab", s.header("x-switchboard-route"));
            assertEquals("weighted: weighted target=" + target + " (weight 1/2, sticky user=alice)", s.header("x-switchboard-reason"));
            assertEquals(UPSTREAM.get(target), s.upstreamModel());
        }
        assertEquals(target, fx.explain(chat("ab", "explain only").put("user", "alice")).getJsonObject("labels").getString("target"));
    }

    @Test
    void differentUsersSpreadOverBothTargets() throws Exception {
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            String model = fx.explain(chat("ab", "hi").put("user", "user-" + i)).getString("model");
            targets.add(model);
        }
        assertEquals(UPSTREAM.keySet(), targets, "24 users over two equal weights reach both targets");
    }

    @Test
    void withoutUserThePickIsRandomAndSaysSo() throws Exception {
        RouterFixture.Served s = fx.complete(chat("ab", "no user field here"));
        assertTrue(s.header("x-switchboard-reason").contains("random: no user"), s.header("x-switchboard-reason"));
        assertEquals(UPSTREAM.get(s.header("x-switchboard-model")), s.upstreamModel());
    }
}
