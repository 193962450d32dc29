package dev.switchboard.engine.upstream;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Sends upstream calls: one pooled keep-alive HTTP client per provider, shared by every event loop.
 * The engine owns the pools: they are created on the context this object was built on (never on the
 * verticle that happens to call first, whose undeployment would close them under the other event
 * loops' in-flight calls) and closed by {@link #close()}, after the front doors have drained.
 * Non-2xx answers are read whole and mapped by the provider's adapter; transport failures become
 * {@link ErrorKind#CONNECTION} or {@link ErrorKind#TIMEOUT} with a message naming the URL.
 */
public final class UpstreamClient {
    /**
     * HTTP/1.1 connections per provider. A stream paused for a slow client holds its connection
     * until the client catches up or leaves, so a small pool would let a few hundred slow readers
     * queue every other request behind them; connections are cheap next to that.
     */
    private static final int HTTP1_POOL_SIZE = 4096;
    /**
     * The socket receive buffer of upstream connections, which Vert.x also makes the size of every
     * read. Left to the kernel the buffer grows to tens of MB per connection (Linux autotuning),
     * and a stream paused for a slow client parks that much upstream data in the kernel; a large
     * fixed one makes every read that large, and a paused stream keeps the rest of the read it
     * paused in (Vert.x parks it until the resume; see {@link #MAX_CHUNK_BYTES}), so 1,000 slow
     * readers park 1,000 reads (256 KiB ran them out of direct memory; 32 KiB kept 61 MB of heap
     * 12 s into their arrival against 37 MB with 16 KiB). 16 KiB (the kernel doubles it) still
     * carries 320 KB/s at 100 ms round trip per call, far above what a model generates; a large
     * non-streaming answer from a distant upstream is what it slows.
     */
    private static final int RECEIVE_BUFFER_BYTES = 16 * 1024;
    /**
     * The largest piece of an HTTP/1.1 body Vert.x hands over as one message (its default: 8 KiB).
     * A paused response is not a paused connection in Vert.x 5: the connection keeps reading into
     * the response's inbound queue until that holds 16 messages (a count, not bytes; each a heap
     * copy of up to this size), then stops reading and parks the rest of the current read. With
     * 8 KiB a stream paused for a slow client parked ~100-128 KiB of heap beside the client's
     * 32 KiB write queue, and 1,000 slow readers of a fast upstream ran a 256 MB heap out of memory.
     * 1 KiB bounds the queue to 16 KiB per paused stream (plus the rest of one read). The cost: a
     * read of more than 1 KiB is handed over, forwarded and written to the client in 1 KiB pieces
     * (a model's single events are smaller; reads that gather several events are split).
     */
    private static final int MAX_CHUNK_BYTES = 1024;
    /** HTTP/2 connections per provider (each multiplexes many calls). */
    private static final int HTTP2_POOL_SIZE = 256;
    /** Parsed upstream URLs kept; an adapter builds a handful per provider (one per model at most). */
    private static final int MAX_TARGETS = 1024;
    private final Vertx vertx;
    private final io.vertx.core.Context owner;
    private final Map<String, Future<HttpClientAgent>> clients = new ConcurrentHashMap<>();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    /** An upstream URL parsed once: parsing it per call showed in the load profile. */
    private record Target(String host, int port, boolean ssl, String uri) {
        static Target parse(String url) {
            java.net.URI u = java.net.URI.create(url);
            boolean ssl = "https".equalsIgnoreCase(u.getScheme());
            if (!ssl && !"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String uri = u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
            return new Target(u.getHost(), u.getPort() >= 0 ? u.getPort() : ssl ? 443 : 80, ssl, uri);
        }
    }

    /** Build it outside any verticle (the engine does, at start): its pools live until {@link #close()}. */
    public UpstreamClient(Vertx vertx) {
        this.vertx = vertx;
        this.owner = vertx.getOrCreateContext();
    }

    /**
     * Sends one call and resolves with the 2xx response (its body not yet read), or fails with a
     * {@link ProviderException}.
     *
     * @param provider   the provider (for its adapter and pool)
     * @param request    the call built by the adapter
     * @param connectMs  connect timeout
     * @param onRequest  receives the call handle before sending, so it can be cancelled
     */
    public Future<HttpClientResponse> send(ProviderRuntime provider, UpstreamRequest request, long connectMs, UpstreamCall onRequest) {
        Future<HttpClientAgent> client = clients.computeIfAbsent(provider.id(), this::create);
        return client.isComplete() ? send(client.result(), provider, request, connectMs, onRequest)
                : client.compose(c -> send(c, provider, request, connectMs, onRequest));
    }

    /**
     * A provider's pool, made on the owner context: Vert.x ties a client to the context that creates it and
     * closes it with that context's deployment. The caller continues on its own context.
     */
    private Future<HttpClientAgent> create(String id) {
        io.vertx.core.Context caller = vertx.getOrCreateContext();
        io.vertx.core.Promise<HttpClientAgent> made = io.vertx.core.Promise.promise();
        owner.runOnContext(v -> {
            HttpClientAgent c = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                    .setDecompressionSupported(true).setReceiveBufferSize(RECEIVE_BUFFER_BYTES).setMaxChunkSize(MAX_CHUNK_BYTES).setName("upstream-" + id),
                    new PoolOptions().setHttp1MaxSize(HTTP1_POOL_SIZE).setHttp2MaxSize(HTTP2_POOL_SIZE));
            caller.runOnContext(x -> made.complete(c));
        });
        return made.future();
    }

    private Future<HttpClientResponse> send(HttpClientAgent client, ProviderRuntime provider, UpstreamRequest request, long connectMs,
                                            UpstreamCall onRequest) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHeaders(request.headers())
                .setConnectTimeout(Math.max(1, connectMs));
        Target target = target(request.url());
        if (target != null) {
            options.setHost(target.host()).setPort(target.port()).setSsl(target.ssl()).setURI(target.uri());
        } else {
            options.setAbsoluteURI(request.url());
        }
        return client.request(options)
                .compose(req -> {
                    onRequest.attach(req);
                    return request.body() == null ? req.send() : req.send(request.body());
                })
                .recover(t -> Future.failedFuture(transportError(provider, request.url(), t)))
                .compose(resp -> resp.statusCode() / 100 == 2 ? Future.succeededFuture(resp) : errorOf(provider, resp));
    }

    /** The parsed URL, or null to let Vert.x parse it (and report what is wrong with it). */
    private Target target(String url) {
        Target t = targets.get(url);
        if (t == null) {
            try {
                t = Target.parse(url);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (targets.size() < MAX_TARGETS) {
                targets.put(url, t);
            }
        }
        return t;
    }

    private Future<HttpClientResponse> errorOf(ProviderRuntime provider, HttpClientResponse resp) {
        return resp.body()
                .recover(t -> Future.failedFuture(transportError(provider, "", t)))
                .compose(body -> Future.failedFuture(provider.adapter().mapError(resp.statusCode(), resp.headers(), body)));
    }

    /** Maps a transport failure (refused, reset, timed out) to a provider error. */
    public static ProviderException transportError(ProviderRuntime provider, String url, Throwable t) {
        if (t instanceof ProviderException) {
            return (ProviderException) t;
        }
        String cause = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return new ProviderException(ErrorKind.TIMEOUT, "provider '" + provider.id() + "' timed out: " + cause);
        }
        String message = t instanceof ConnectException ? provider.adapter().connectionErrorMessage(cause) : cause;
        return new ProviderException(ErrorKind.CONNECTION, "cannot reach provider '" + provider.id() + "'"
                + (url.isEmpty() ? "" : " at " + stripQuery(url)) + ": " + message);
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** Closes every pool; the engine calls it once the front doors have drained. */
    public Future<Void> close() {
        return Future.all(clients.values().stream().map(f -> f.compose(HttpClientAgent::close)).toList()).mapEmpty();
    }
}
