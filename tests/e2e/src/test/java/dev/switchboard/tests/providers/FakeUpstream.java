package dev.switchboard.tests.providers;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The common part of the provider fakes: a Vert.x HTTP server on 127.0.0.1 (port 0) that records
 * every call and hands it to the provider's own {@link #answer} in that provider's wire format.
 */
abstract class FakeUpstream implements AutoCloseable {
    /** The prompt and completion token counts every fake reports, so tests can check usage end to end. */
    static final int PROMPT_TOKENS = 11;
    static final int COMPLETION_TOKENS = 7;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /**
     * One received call.
     *
     * @param method  HTTP method
     * @param path    request path
     * @param query   the query string, or null
     * @param headers lower-cased header names to values
     * @param body    the JSON body (empty when there was none)
     */
    record Received(String method, String path, String query, JsonObject headers, JsonObject body) {
        String header(String name) {
            return headers.getString(name);
        }
    }

    FakeUpstream() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    String root() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<Received> received() {
        return received;
    }

    /** The most recent call that matches, failing the test when there is none. */
    Received last(Predicate<Received> which) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (which.test(received.get(i))) {
                return received.get(i);
            }
        }
        throw new AssertionError("the fake got no matching call; got " + received);
    }

    /** Answers one recorded call in the provider's format. */
    protected abstract void answer(Received call, HttpServerResponse response);

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            JsonObject body = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
            JsonObject headers = new JsonObject();
            req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
            Received call = new Received(req.method().name(), req.path(), req.query(), headers, body);
            received.add(call);
            answer(call, req.response());
        });
    }

    /** Sends a JSON body. */
    static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    /** Starts a chunked response of the given content type. */
    static HttpServerResponse chunked(HttpServerResponse response, String contentType) {
        return response.setChunked(true).putHeader("content-type", contentType);
    }

    /** One server-sent event, optionally named, with CRLF line ends as some providers send them. */
    static Buffer sse(String event, JsonObject data, String lineEnd) {
        String named = event == null ? "" : "event: " + event + lineEnd;
        return Buffer.buffer(named + "data: " + data.encode() + lineEnd + lineEnd);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
