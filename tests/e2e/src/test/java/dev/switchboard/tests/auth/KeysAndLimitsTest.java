package dev.switchboard.tests.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client keys (hashed in config), allowed models, rpm, budgets, budget-aware routing and the admin key. */
class KeysAndLimitsTest {
    static final String TEAM = "sb-team-key-123";
    static final String LIMITED = "sb-limited-key-456";
    static final String THRIFTY = "sb-thrifty-key-789";
    static final String ADMIN = "sb-admin-key-000";
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
                  m-other: {provider: fake, upstream-model: ok, input-price: 1.0, output-price: 2.0}
                  m-pricey: {provider: fake, upstream-model: ok, input-price: 50.0, output-price: 100.0}
                routes:
                  pair: {router: fixed, options: {models: [m-pricey, m-ok]}}
                auth:
                  admin-key-sha256: %s
                  keys:
                    - {name: team, key-sha256: %s, allow: [m-ok, pair]}
                    - {name: limited, key-sha256: %s, rpm: 3, budget-usd: 0.00003, budget-period: day}
                    - {name: thrifty, key-sha256: %s, budget-usd: 100, prefer-cheaper-at: 0.0}
                """.formatted(fake.baseUrl(), KeyAuthenticator.sha256(ADMIN), KeyAuthenticator.sha256(TEAM),
                KeyAuthenticator.sha256(LIMITED), KeyAuthenticator.sha256(THRIFTY)), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static HttpResponse<String> chat(String key, String model) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(model, "hi there")));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String body(String model, String text) {
        return dev.switchboard.tests.support.Chats.chat(model, text);
    }

    static String code(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonObject("error").getString("code");
    }

    @Test
    void missingOrWrongKeyIs401() throws Exception {
        assertEquals(401, chat(null, "m-ok").statusCode());
        assertEquals("missing_api_key", code(chat(null, "m-ok")));
        assertEquals("invalid_api_key", code(chat("sb-nope", "m-ok")));
        assertEquals(200, chat(TEAM, "m-ok").statusCode());
        assertEquals(401, node.get("/v1/models").statusCode(), "the model list needs a key too");
    }

    @Test
    void keysOnlyReachTheirAllowedModels() throws Exception {
        HttpResponse<String> r = chat(TEAM, "m-other");
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("may not use 'm-other'"), r.body());
        assertEquals(200, chat(TEAM, "pair").statusCode());
    }

    @Test
    void requestsPerMinuteAndBudgetAreEnforced() throws Exception {
        long minute = System.currentTimeMillis() / 60_000;
        HttpResponse<String> first = chat(LIMITED, "m-ok");
        HttpResponse<String> second = chat(LIMITED, "m-ok");
        HttpResponse<String> third = chat(LIMITED, "m-ok");
        HttpResponse<String> fourth = chat(LIMITED, "m-ok");
        assumeTrue(System.currentTimeMillis() / 60_000 == minute, "crossed a minute boundary; the rpm window reset");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        // each call costs 12 x $1/M + 5 x $2/M = $0.000022: after two the $0.00003 daily budget is spent
        assertEquals(402, third.statusCode(), third.body());
        assertEquals("budget_exceeded", code(third));
        assertTrue(third.body().contains("daily budget") && third.body().contains("resets at"), third.body());
        assertEquals(402, fourth.statusCode());
    }

    @Test
    void overTheBudgetShareRoutesPreferTheCheapestCandidate() throws Exception {
        HttpResponse<String> r = chat(THRIFTY, "pair");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertTrue(r.headers().firstValue("x-switchboard-reason").orElseThrow().contains("cheapest first"));
        HttpResponse<String> plan = HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/v1/route"))).header("content-type", "application/json")
                .header("authorization", "Bearer " + TEAM).POST(HttpRequest.BodyPublishers.ofString(body("pair", "x"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("m-pricey", new JsonObject(plan.body()).getString("model"),
                "without the key's budget state the route keeps its order");
    }

    @Test
    void adminApiNeedsTheAdminKey() throws Exception {
        assertEquals(401, node.get("/circuit-breakers").statusCode());
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/circuit-breakers")))
                .header("authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        HttpResponse<String> client = HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/circuit-breakers")))
                .header("authorization", "Bearer " + TEAM).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, client.statusCode(), "a client key is not an admin key");
    }
}
