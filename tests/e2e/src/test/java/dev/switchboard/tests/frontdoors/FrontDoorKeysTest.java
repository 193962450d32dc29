package dev.switchboard.tests.frontdoors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys, allowed models, budgets and the decision log apply to /v1/responses and /v1/embeddings as to chat. */
class FrontDoorKeysTest {
    static final String TEAM = "sb-team-key-123";
    static final String THRIFTY = "sb-thrifty-key-456";
    static FakeOpenAi fake;
    static Node node;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start("""
                server: {port: 0}
                providers: {fake: {type: openai, base-url: "%s"}}
                models:
                  m-ok: {provider: fake, upstream-model: ok, input-price: 1.0, output-price: 2.0}
                  emb: {provider: fake, upstream-model: text-embedding-3-small, max-output-tokens: 1, capabilities: [embeddings],
                        input-price: 1000.0, output-price: 0}
                auth:
                  keys:
                    - {name: team, key-sha256: %s, allow: [m-ok]}
                    - {name: thrifty, key-sha256: %s, budget-usd: 0.002, budget-period: day}
                """.formatted(fake.baseUrl(), KeyAuthenticator.sha256(TEAM), KeyAuthenticator.sha256(THRIFTY)), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyFrontDoorNeedsAKeyAndHonoursItsAllowList() throws Exception {
        assertEquals(401, send("POST", "/v1/responses", null, "{\"model\":\"m-ok\",\"input\":\"hi\"}").statusCode());
        assertEquals(401, send("POST", "/v1/embeddings", null, "{\"model\":\"emb\",\"input\":\"hi\"}").statusCode());
        assertEquals(401, send("GET", "/v1/responses/resp_x", null, null).statusCode());
        assertEquals(401, send("GET", "/v1/models/m-ok", null, null).statusCode());
        HttpResponse<String> ok = send("POST", "/v1/responses", TEAM, "{\"model\":\"m-ok\",\"input\":\"hi\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        String id = new JsonObject(ok.body()).getString("id");
        assertEquals(200, send("GET", "/v1/responses/" + id, TEAM, null).statusCode());
        assertEquals(200, send("GET", "/v1/models/m-ok", TEAM, null).statusCode());
        HttpResponse<String> denied = send("POST", "/v1/embeddings", TEAM, "{\"model\":\"emb\",\"input\":\"hi\"}");
        assertEquals(403, denied.statusCode(), denied.body());
    }

    @Test
    void embeddingsSpendCountsAgainstTheBudgetAndTheDecisionLog() throws Exception {
        // 3 words at $1000 per million tokens = $0.003: the first request (admitted at 0 spent) overspends the $0.002 budget
        HttpResponse<String> first = send("POST", "/v1/embeddings", THRIFTY, "{\"model\":\"emb\",\"input\":\"three words here\"}");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("0.00300000", first.headers().firstValue("x-switchboard-cost-usd").orElseThrow());
        HttpResponse<String> second = send("POST", "/v1/embeddings", THRIFTY, "{\"model\":\"emb\",\"input\":\"more\"}");
        assertEquals(402, second.statusCode(), second.body());
        JsonArray decisions = new JsonObject(node.get("/v1/decisions?limit=5").body()).getJsonArray("data");
        assertTrue(decisions.stream().map(d -> (JsonObject) d).anyMatch(d -> "emb".equals(d.getString("model"))), decisions.encode());
    }
}
