package dev.switchboard.tests.providers;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A fake Gemini API: {@code POST /v1beta/models/<model>:generateContent} answers one
 * {@code GenerateContentResponse}, {@code :streamGenerateContent?alt=sse} a stream of them as SSE
 * with CRLF line ends (as Google sends), the last carrying {@code finishReason} and usage.
 */
final class FakeGemini extends FakeUpstream {
    FakeGemini() throws Exception {
        super();
    }

    /** The base URL to configure; the adapter adds {@code /models/<model>:<method>}. */
    String baseUrl() {
        return root() + "/v1beta";
    }

    /** The last call whose path ends in {@code :method}. */
    Received lastCall(String method) {
        return last(c -> c.path().endsWith(":" + method));
    }

    /** A deterministic vector for a text, so a test can tell which input a vector belongs to. */
    static JsonArray vector(String text, Integer dimensions) {
        JsonArray values = new JsonArray();
        for (int i = 0; i < (dimensions == null ? 6 : dimensions); i++) {
            values.add((text.length() * 10 + i) / 1000.0);
        }
        return values;
    }

    private static String text(JsonObject request) {
        return request.getJsonObject("content").getJsonArray("parts").getJsonObject(0).getString("text");
    }

    /** {@code :embedContent} answers {@code {"embedding":{"values":[...]}}}; {@code :batchEmbedContents} {@code {"embeddings":[...]}}. */
    private static boolean embeddings(Received call, HttpServerResponse response) {
        JsonObject body = call.body();
        if (call.path().endsWith(":embedContent")) {
            json(response, 200, new JsonObject().put("embedding", new JsonObject().put("values",
                    vector(text(body), body.getInteger("outputDimensionality")))));
            return true;
        }
        if (call.path().endsWith(":batchEmbedContents")) {
            JsonArray out = new JsonArray();
            body.getJsonArray("requests").forEach(r -> out.add(new JsonObject().put("values",
                    vector(text((JsonObject) r), ((JsonObject) r).getInteger("outputDimensionality")))));
            json(response, 200, new JsonObject().put("embeddings", out));
            return true;
        }
        return false;
    }

    @Override
    protected void answer(Received call, HttpServerResponse response) {
        if (embeddings(call, response)) {
            return;
        }
        boolean stream = call.path().endsWith(":streamGenerateContent");
        if (!call.path().startsWith("/v1beta/models/") || !(stream || call.path().endsWith(":generateContent"))) {
            json(response, 404, new JsonObject().put("error", new JsonObject().put("code", 404)
                    .put("message", "Not found: " + call.path()).put("status", "NOT_FOUND")));
            return;
        }
        Reply reply = Reply.to(understand(call.body()));
        if (stream) {
            HttpServerResponse out = chunked(response, "text/event-stream");
            List<String> pieces = reply.pieces();
            int events = pieces.size() + (reply.isToolCall() ? 1 : 0);
            for (int i = 0; i < pieces.size(); i++) {
                out.write(sse(null, response(Reply.text(pieces.get(i)), i == events - 1), "\r\n"));
            }
            if (reply.isToolCall()) {
                out.write(sse(null, response(new Reply(null, reply.toolName(), reply.toolArgs()), true), "\r\n"));
            }
            out.end();
        } else {
            json(response, 200, response(reply, true));
        }
    }

    static Reply.Understood understand(JsonObject body) {
        JsonArray contents = body.getJsonArray("contents");
        JsonObject last = contents.getJsonObject(contents.size() - 1);
        String toolResult = null;
        StringBuilder text = new StringBuilder();
        int images = 0;
        for (Object o : last.getJsonArray("parts")) {
            JsonObject part = (JsonObject) o;
            if (part.containsKey("functionResponse")) {
                JsonObject resp = part.getJsonObject("functionResponse").getJsonObject("response");
                toolResult = resp.getValue("content") instanceof String s ? s : resp.encode();
            } else if (part.containsKey("text")) {
                text.append(text.length() == 0 ? "" : "\n").append(part.getString("text"));
            } else if (part.containsKey("inline_data") || part.containsKey("inlineData")) {
                images++;
            }
        }
        JsonArray tools = body.getJsonArray("tools");
        String firstTool = tools == null || tools.isEmpty() || toolResult != null ? null
                : tools.getJsonObject(0).getJsonArray("functionDeclarations").getJsonObject(0).getString("name");
        JsonObject config = body.getJsonObject("generationConfig", new JsonObject());
        boolean json = "application/json".equals(config.getString("responseMimeType"));
        return new Reply.Understood(text.toString(), images, firstTool, toolResult, json);
    }

    /** One {@code GenerateContentResponse}; the final one carries the finish reason and usage. */
    private static JsonObject response(Reply reply, boolean last) {
        JsonArray parts = new JsonArray();
        if (reply.hasText()) {
            parts.add(new JsonObject().put("text", reply.text()));
        }
        if (reply.isToolCall()) {
            parts.add(new JsonObject().put("functionCall", new JsonObject().put("name", reply.toolName()).put("args", reply.toolArgs())));
        }
        JsonObject candidate = new JsonObject().put("content", new JsonObject().put("role", "model")
                .put("parts", parts)).put("index", 0);
        JsonObject resp = new JsonObject().put("candidates", new JsonArray().add(candidate))
                .put("modelVersion", "gemini-fake-001").put("responseId", "resp-fake1");
        if (last) {
            candidate.put("finishReason", "STOP");
            resp.put("usageMetadata", new JsonObject().put("promptTokenCount", PROMPT_TOKENS)
                    .put("candidatesTokenCount", COMPLETION_TOKENS).put("totalTokenCount", PROMPT_TOKENS + COMPLETION_TOKENS));
        }
        return resp;
    }
}
