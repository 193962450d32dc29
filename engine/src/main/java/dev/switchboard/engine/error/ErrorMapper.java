package dev.switchboard.engine.error;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.json.DecodeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place any failure becomes the {@link ApiException} a client sees. */
public final class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    private ErrorMapper() {
    }

    /** Maps a failure; unexpected ones are logged with their stack and answered 500 without it. */
    public static ApiException toApi(Throwable t) {
        if (t instanceof ApiException) {
            return (ApiException) t;
        }
        if (t instanceof InvalidRequestException) {
            return ApiException.badRequest(((InvalidRequestException) t).param(), t.getMessage());
        }
        if (t instanceof ProviderException) {
            return fromProvider((ProviderException) t, null, null);
        }
        if (t instanceof DecodeException) {
            return ApiException.badRequest(null, "request body is not valid JSON: " + firstLine(t.getMessage()));
        }
        dev.switchboard.engine.health.FatalErrors.JVM.record(t); // an OutOfMemoryError fails liveness: restart the node
        LOG.log(Level.SEVERE, "unexpected error while serving a request", t);
        return new ApiException(500, "server_error", "internal_error", null, "internal error in Switchboard; see the server log", null, null);
    }

    /**
     * The client's view of an upstream failure: the upstream's message prefixed with the provider,
     * the upstream 4xx status or the kind's default status.
     */
    public static ApiException fromProvider(ProviderException e, String providerId, io.vertx.core.json.JsonObject extra) {
        String prefix = providerId == null ? "" : "provider '" + providerId + "': ";
        String code = e.code() != null ? e.code() : e.kind().name().toLowerCase(java.util.Locale.ROOT);
        return new ApiException(e.clientStatus(), e.kind().openAiType(), code, null, prefix + e.getMessage(), extra, e.retryAfter());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
