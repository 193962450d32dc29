package dev.switchboard.testkit;

import static dev.switchboard.testkit.Messages.image;
import static dev.switchboard.testkit.Messages.text;
import static dev.switchboard.testkit.Messages.tokens;
import static dev.switchboard.testkit.Messages.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.routing.RoutingRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TestkitTest {

    private static JsonObject doubled(JsonObject in) {
        JsonArray b = new JsonArray();
        in.getJsonArray("b").forEach(n -> b.add(((Number) n).intValue() * 2));
        return new JsonObject().put("a", in.getInteger("a") * 2).put("b", b);
    }

    @Test
    void goldenRunnerComparesAsJsonAndFailsOnADifference() {
        GoldenFixtures.assertGolden("golden", "double", "in", "out", TestkitTest::doubled);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> GoldenFixtures.assertGolden("golden", "double", "in", "out", in -> in));
        assertTrue(e.getMessage().contains("golden/double.in.json -> golden/double.out.json"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> GoldenFixtures.text("golden/none.json"));
        assertTrue(missing.getMessage().contains("src/test/resources/golden/none.json"), missing.getMessage());
    }

    @Test
    void routingRequestsAreParsedAndCountedAsTheEngineDoes() {
        RoutingRequest r = Requests.routing(Requests.body("auto", user(tokens(10)), user(text("hi"), image())), FakeCatalog.standard());
        assertEquals("auto", r.route());
        assertTrue(r.request().hasImages());
        assertEquals(6, r.catalog().size());
        assertTrue(r.features().estimatedInputTokens() >= 10, "4 characters per token");
        assertThrows(InvalidRequestException.class, () -> Requests.chat("{\"model\": \"m\"}"), "no messages: a 400");
        assertEquals("auto", FakeCatalog.context("auto", Map.of()).routeName());
    }
}
