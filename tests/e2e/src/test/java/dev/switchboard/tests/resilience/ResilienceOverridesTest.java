package dev.switchboard.tests.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-route and per-model overrides of the resilience settings: model wins over route, route over global. */
class ResilienceOverridesTest {
    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start("""
                server: {port: 0}
                providers: {fake: {type: openai, base-url: "%s"}}
                models:
                  plain: {provider: fake, upstream-model: up-plain}
                  touchy: {provider: fake, upstream-model: up-touchy, resilience: {breaker: {failure-threshold: 1}}}
                  patient: {provider: fake, upstream-model: up-patient, resilience: {max-retries: 3}}
                routes:
                  retrying: {router: fixed, options: {models: [plain]}, resilience: {max-retries: 2, retry-base-delay-ms: 1}}
                  capped: {router: fixed, options: {models: [patient]}, resilience: {max-retries: 1, retry-base-delay-ms: 1}}
                resilience: {max-retries: 0, retry-base-delay-ms: 1, breaker: {failure-threshold: 100, reset-timeout-ms: 60000}}
                """.formatted(fake.baseUrl()), null);
        for (String m : new String[] {"up-plain", "up-touchy", "up-patient"}) {
            fake.behave(m, "err500");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static HttpResponse<String> chat(String model) throws Exception {
        return node.post("/v1/chat/completions", new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "x"))).encode());
    }

    @Test
    void globalSettingsApplyToDirectCalls() throws Exception {
        long before = fake.calls("up-plain");
        assertEquals(502, chat("plain").statusCode());
        assertEquals(before + 1, fake.calls("up-plain"), "max-retries 0: one call");
    }

    @Test
    void aRouteOverridesTheGlobalRetries() throws Exception {
        long before = fake.calls("up-plain");
        assertEquals(502, chat("retrying").statusCode());
        assertEquals(before + 3, fake.calls("up-plain"), "the route's max-retries 2: three calls");
    }

    @Test
    void aModelOverridesItsRouteAndTheGlobalSettings() throws Exception {
        long before = fake.calls("up-patient");
        assertEquals(502, chat("capped").statusCode());
        assertEquals(before + 4, fake.calls("up-patient"), "the model's max-retries 3 wins over the route's 1");
    }

    @Test
    void aModelsOwnBreakerThresholdOpensItAfterOneFailure() throws Exception {
        assertEquals(502, chat("touchy").statusCode());
        long calls = fake.calls("up-touchy");
        HttpResponse<String> r = chat("touchy");
        assertEquals(503, r.statusCode(), r.body());
        assertEquals(calls, fake.calls("up-touchy"), "open after its own threshold of 1; the global 100 does not apply");
    }
}
