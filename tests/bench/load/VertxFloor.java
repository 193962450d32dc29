import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of any Vert.x gateway on this machine, for the load benchmark (run.sh --with-floor):
 * the same Vert.x, Netty transport and JVM flags as Switchboard, and nothing else. Each request is
 * piped to the mock and the answer piped back (JSON or SSE), no parsing, no routing, no metrics.
 * Run from source against Switchboard's jar: {@code java -cp switchboard.jar VertxFloor.java PORT UPSTREAM_PORT}.
 */
public class VertxFloor {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(256));
        vertx.createHttpServer().requestHandler(req -> forward(client, upstreamPort, req))
                .listen(port, "127.0.0.1")
                .onSuccess(s -> System.out.println("vertx-floor on 127.0.0.1:" + port + " ("
                        + (vertx.isNativeTransportEnabled() ? "epoll" : "nio") + ")"))
                .onFailure(t -> { t.printStackTrace(); System.exit(1); });
    }

    private static void forward(HttpClientAgent client, int upstreamPort, HttpServerRequest req) {
        req.pause();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(upstreamPort)
                .setURI(req.uri()).putHeader("content-type", "application/json");
        client.request(options)
                .compose(up -> {
                    String length = req.getHeader("content-length");
                    if (length != null) {
                        up.putHeader("content-length", length);
                    } else {
                        up.setChunked(true);
                    }
                    req.pipeTo(up);
                    return up.response();
                })
                .onSuccess(resp -> {
                    req.response().setStatusCode(resp.statusCode());
                    String type = resp.getHeader("content-type");
                    if (type != null) {
                        req.response().putHeader("content-type", type);
                    }
                    String length = resp.getHeader("content-length");
                    if (length != null) {
                        req.response().putHeader("content-length", length);
                    } else {
                        req.response().setChunked(true);
                    }
                    resp.pipeTo(req.response());
                })
                .onFailure(t -> req.response().setStatusCode(502).end());
    }
}
