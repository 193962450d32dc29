package dev.switchboard.tests.security;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A careless upstream speaking three wire formats (OpenAI chat completions, Anthropic messages,
 * Gemini generateContent) whose errors echo the request's headers and query, as some proxies and
 * misconfigured gateways do. The upstream model name picks the failure: {@code e401}, {@code e400},
 * or {@code midstream} (a 200 stream with one content event, then the provider's error event).
 * Every error also quotes the raw credential alone, so configured secrets are tested apart from
 * header shapes.
 */
final class EchoingUpstream implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    final AtomicInteger calls = new AtomicInteger();

    EchoingUpstream() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String root() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            calls.incrementAndGet();
            JsonObject body = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
            StringBuilder echo = new StringBuilder("request was ").append(req.method()).append(' ').append(req.uri()).append(" with ");
            req.headers().forEach(e -> echo.append(e.getKey()).append(": ").append(e.getValue()).append("; "));
            String credential = credential(req);
            String said = echo + "credential " + credential + " rejected";
            String path = req.path();
            if (path.equals("/v1/chat/completions")) {
                openAi(body.getString("model"), said, req.response());
            } else if (path.equals("/v1/messages")) {
                anthropic(body.getString("model"), said, req.response());
            } else if (path.startsWith("/v1beta/models/")) {
                gemini(path.substring("/v1beta/models/".length(), path.indexOf(':')), said, req.response());
            } else {
                req.response().setStatusCode(404).end();
            }
        });
    }

    private static String credential(HttpServerRequest req) {
        String auth = req.getHeader("authorization");
        if (auth != null) {
            return auth.substring(auth.indexOf(' ') + 1);
        }
        return req.getHeader("x-api-key") != null ? req.getHeader("x-api-key") : req.getHeader("x-goog-api-key");
    }

    /** OpenAI: {@code {"error": {message, type, param, code}}}; mid-stream an {@code error} object as a data event. */
    private static void openAi(String model, String said, HttpServerResponse resp) {
        switch (model) {
            case "e401" -> json(resp, 401, new JsonObject().put("error", new JsonObject().put("message", "Incorrect API key provided. " + said)
                    .put("type", "invalid_request_error").putNull("param").put("code", "invalid_api_key")));
            case "e400" -> json(resp, 400, new JsonObject().put("error", new JsonObject().put("message", "Invalid request. " + said)
                    .put("type", "invalid_request_error").putNull("param").putNull("code")));
            default -> {
                HttpServerResponse out = sse(resp);
                out.write(event(null, new JsonObject().put("id", "c1").put("object", "chat.completion.chunk").put("created", 1).put("model", model)
                        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                                .put("delta", new JsonObject().put("role", "assistant").put("content", "partial")).putNull("finish_reason")))));
                out.end(event(null, new JsonObject().put("error", new JsonObject().put("message", "The server had an error. " + said)
                        .put("type", "server_error").putNull("param").putNull("code"))));
            }
        }
    }

    /** Anthropic: {@code {"type":"error","error":{type, message}}}; mid-stream an {@code event: error}. */
    private static void anthropic(String model, String said, HttpServerResponse resp) {
        switch (model) {
            case "e401" -> json(resp, 401, anthropicError("authentication_error", "invalid x-api-key. " + said));
            case "e400" -> json(resp, 400, anthropicError("invalid_request_error", "messages: bad. " + said));
            default -> {
                HttpServerResponse out = sse(resp);
                out.write(event("message_start", new JsonObject().put("type", "message_start").put("message", new JsonObject()
                        .put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", model)
                        .put("content", new JsonArray()).putNull("stop_reason")
                        .put("usage", new JsonObject().put("input_tokens", 5).put("output_tokens", 1)))));
                out.write(event("content_block_start", new JsonObject().put("type", "content_block_start").put("index", 0)
                        .put("content_block", new JsonObject().put("type", "text").put("text", ""))));
                out.write(event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
                        .put("delta", new JsonObject().put("type", "text_delta").put("text", "partial"))));
                out.end(event("error", anthropicError("overloaded_error", "Overloaded. " + said)));
            }
        }
    }

    /** Gemini: {@code {"error": {code, message, status}}}; mid-stream the same object as a data event. */
    private static void gemini(String model, String said, HttpServerResponse resp) {
        switch (model) {
            case "e401" -> json(resp, 401, googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. " + said));
            case "e400" -> json(resp, 400, googleError(400, "INVALID_ARGUMENT", "API key not valid. " + said));
            default -> {
                HttpServerResponse out = sse(resp);
                out.write(event(null, new JsonObject().put("candidates", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("content", new JsonObject().put("role", "model")
                                .put("parts", new JsonArray().add(new JsonObject().put("text", "partial"))))))
                        .put("modelVersion", model)));
                out.end(event(null, googleError(500, "INTERNAL", "Internal error encountered. " + said)));
            }
        }
    }

    private static JsonObject anthropicError(String type, String message) {
        return new JsonObject().put("type", "error").put("error", new JsonObject().put("type", type).put("message", message));
    }

    private static JsonObject googleError(int code, String status, String message) {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message).put("status", status));
    }

    private static void json(HttpServerResponse resp, int status, JsonObject body) {
        resp.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    private static HttpServerResponse sse(HttpServerResponse resp) {
        return resp.setChunked(true).putHeader("content-type", "text/event-stream");
    }

    private static Buffer event(String name, JsonObject data) {
        return Buffer.buffer((name == null ? "" : "event: " + name + "\n") + "data: " + data.encode() + "\n\n");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
