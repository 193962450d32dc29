package dev.switchboard.tests.routers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/**
 * One Switchboard node with a route per router over a catalog whose models differ in upstream
 * name, capabilities, prices and context windows, so a test can tell from the fake upstream which
 * model served a call.
 *
 * <pre>
 * model       upstream    context  max-out  capabilities        USD/M in/out
 * cheap-text  up-cheap       4096     1024  json                0.1 / 0.4
 * mid-text    up-mid       128000     8192  tools, json         1.0 / 4.0
 * vision      up-vision    128000     4096  vision, json        2.5 / 10
 * strong      up-strong    200000    16384  vision, tools, json 10 / 40
 * free        up-free        8000     2048  -                   0 / 0
 * unpriced    up-unpriced   32000     4096  -                   -
 * </pre>
 */
final class RouterFixture implements AutoCloseable {
    /** A 1x1 transparent PNG. */
    static final String PNG_DATA_URL = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    final FakeOpenAi fake;
    final Node node;

    private RouterFixture(FakeOpenAi fake, Node node) {
        this.fake = fake;
        this.node = node;
    }

    static RouterFixture start() throws Exception {
        FakeOpenAi fake = new FakeOpenAi();
        try {
            return new RouterFixture(fake, Node.start(config(fake), null));
        } catch (Exception e) {
            fake.close();
            throw e;
        }
    }

    static String config(FakeOpenAi fake) {
        return """
                server: {host: 127.0.0.1, port: 0, max-body-bytes: 1048576, instances: 1}
                providers:
                  fake: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                  cheap-text: {provider: fake, upstream-model: up-cheap, context-window: 4096, max-output-tokens: 1024,
                               capabilities: [json], input-price: 0.1, output-price: 0.4}
                  mid-text: {provider: fake, upstream-model: up-mid, context-window: 128000, max-output-tokens: 8192,
                             capabilities: [tools, json], input-price: 1.0, output-price: 4.0}
                  vision: {provider: fake, upstream-model: up-vision, context-window: 128000, max-output-tokens: 4096,
                           capabilities: [vision, json], input-price: 2.5, output-price: 10.0}
                  strong: {provider: fake, upstream-model: up-strong, context-window: 200000, max-output-tokens: 16384,
                           capabilities: [vision, tools, json], input-price: 10.0, output-price: 40.0}
                  free: {provider: fake, upstream-model: up-free, context-window: 8000, max-output-tokens: 2048,
                         input-price: 0.0, output-price: 0.0}
                  unpriced: {provider: fake, upstream-model: up-unpriced, context-window: 32000}
                routes:
                  task:
                    router: keyword
                    options:
                      categories:
                        code: {models: [mid-text, strong]}
                        reasoning: {models: [strong, mid-text]}
                        tools: {models: [mid-text]}
                        conversation: {models: [cheap-text, mid-text]}
                        translation: {keywords: [translate, translation], models: [vision]}
                      default-category: conversation
                  tiers:
                    router: complexity
                    options:
                      tiers:
                        budget: [cheap-text]
                        mid: [mid-text]
                        standard: [vision]
                        premium: [strong]
                  vision-auto:
                    router: multimodal
                    options: {primary: vision, secondary: cheap-text, reserve-output-tokens: 1024}
                  cheapest:
                    router: cost-floor
                    options: {exclude-free: true, fallbacks: 1}
                  ab:
                    router: weighted
                    options:
                      targets: {cheap-text: 1, mid-text: 1}
                      sticky-by: user
                  text-only:
                    router: fixed
                    options: {models: [cheap-text, mid-text]}
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(fake.baseUrl());
    }

    /** A chat request with one user message. */
    static JsonObject chat(String model, String text) {
        return new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
    }

    /** A chat request whose user message is a text part plus an image data URL. */
    static JsonObject chatWithImage(String model, String text) {
        JsonArray parts = new JsonArray()
                .add(new JsonObject().put("type", "text").put("text", text))
                .add(new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", PNG_DATA_URL)));
        return new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", parts)));
    }

    /** A function tool definition. */
    static JsonArray weatherTool() {
        return new JsonArray().add(new JsonObject().put("type", "function").put("function", new JsonObject()
                .put("name", "get_weather").put("description", "Weather for a city")
                .put("parameters", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("city", new JsonObject().put("type", "string"))))));
    }

    /** {@code words} words of plain prose with no keyword or complexity marker. */
    static String prose(int words) {
        String[] pool = {"the", "quiet", "garden", "holds", "seven", "green", "trees", "near", "a", "small", "river"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(pool[i % pool.length]);
        }
        return sb.toString();
    }

    /** The served answer to a chat call, plus the upstream model name the fake received for it. */
    record Served(HttpResponse<String> response, String upstreamModel) {
        String header(String name) {
            return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no header " + name));
        }
    }

    /** POSTs a chat completion, expects 200 and exactly one upstream call, and reports where it went. */
    Served complete(JsonObject request) throws Exception {
        int before = fake.received().size();
        HttpResponse<String> r = node.post("/v1/chat/completions", request.encode());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(before + 1, fake.received().size(), "exactly one upstream call");
        return new Served(r, fake.received().get(before).body().getString("model"));
    }

    /** POSTs to {@code /v1/route}, expects 200 and no upstream call, and answers the plan. */
    JsonObject explain(JsonObject request) throws Exception {
        int before = fake.received().size();
        HttpResponse<String> r = node.post("/v1/route", request.encode());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(before, fake.received().size(), "an explanation calls no upstream");
        return new JsonObject(r.body());
    }

    @Override
    public void close() throws Exception {
        try {
            node.close();
        } finally {
            fake.close();
        }
    }
}
