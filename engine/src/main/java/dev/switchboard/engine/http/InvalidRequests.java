package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.error.ApiException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Requests the HTTP codec could not parse (HTTP/1.x): answered in the API's error shape like every
 * other error, then the connection is closed; so are requests whose target is not a path. The status follows the codec: 414 for a request line
 * over the limit, 431 for headers over the limit, 400 otherwise. The offending bytes are not echoed.
 */
final class InvalidRequests {
    /** The decoder failure {@link ServerTransport} sets on a request line with an HTTP version other than 1.0 and 1.1. */
    static final RuntimeException UNSUPPORTED_VERSION = new RuntimeException("unsupported HTTP version", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private InvalidRequests() {
    }

    /** Answers one invalid request and closes its connection. */
    static void answer(HttpServerRequest req, int maxLineBytes, int maxHeaderBytes) {
        Throwable cause = req.decoderResult().cause();
        ApiException e;
        if (cause instanceof TooLongHttpLineException) {
            e = ApiException.invalid(414, "uri_too_long", "the request line is longer than " + maxLineBytes
                    + " bytes; send long inputs in the JSON body");
        } else if (cause instanceof TooLongHttpHeaderException) {
            e = ApiException.invalid(431, "headers_too_large", "the request headers are larger than " + maxHeaderBytes + " bytes");
        } else if (cause == UNSUPPORTED_VERSION) {
            e = ApiException.invalid(400, "unsupported_http_version", "this server speaks HTTP/1.1 (and 1.0): send 'HTTP/1.1' at the "
                    + "end of the request line");
        } else {
            e = ApiException.badRequest(null, "malformed HTTP request: the request line, a header or the body framing is not valid "
                    + "HTTP/1.1 (expected e.g. 'POST /v1/chat/completions HTTP/1.1', 'Name: value' headers)");
        }
        answer(req, e);
    }

    /**
     * Routes a parsed request, unless its target is not a path ({@code *} or garbage): the router would answer
     * those with a plain-text 404 of its own.
     */
    static void route(HttpServerRequest req, io.vertx.ext.web.Router router) {
        String path = req.path();
        if (path != null && !path.isEmpty() && path.charAt(0) == '/') {
            router.handle(req);
        } else {
            answer(req, ApiException.badRequest(null, "the request target must be a path such as /v1/chat/completions"));
        }
    }

    private static void answer(HttpServerRequest req, ApiException e) {
        HttpServerResponse r = req.response();
        r.setStatusCode(e.status()).putHeader("connection", "close");
        if (req.method() == HttpMethod.HEAD) {
            r.end().onComplete(v -> req.connection().close());   // HEAD answers carry no body
            return;
        }
        r.putHeader(Responses.CONTENT_TYPE, Responses.APPLICATION_JSON).end(e.toJson().toBuffer())
                .onComplete(v -> req.connection().close());
    }
}
