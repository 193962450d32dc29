package dev.switchboard.engine.http.exchange;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RequestBodies;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Reads a JSON request body the way every front door does: the content type checked, errors that say what to fix. */
public final class JsonBody {
    private JsonBody() {
    }

    /** Fails with 415 unless the request says it is JSON. */
    public static void requireJsonType(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.invalid(415, "unsupported_media_type", "send the request as JSON with header 'Content-Type: application/json' (got "
                    + (type == null ? "none" : "'" + type + "'") + ")");
        }
    }

    /**
     * The body as a JSON object.
     *
     * @param example a minimal valid body, shown when the body is empty or not an object
     */
    public static JsonObject read(RoutingContext ctx, String example) {
        requireJsonType(ctx);
        return RequestBodies.object(ctx.body().buffer(), example);
    }
}
