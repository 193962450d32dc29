package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The connections one event loop's server accepted: a new connection must send its first request's
 * headers within {@code header-timeout-ms}, a request body must arrive within {@code body-timeout-ms}
 * (else 408), a connection with nothing in flight is closed after {@code idle-timeout-ms}, and beyond
 * {@code max-connections} open connections (counted over every event loop) a request gets 503 with
 * Retry-After and its connection is closed. One lazily re-armed timer per connection: a request
 * moves a deadline, it does not cancel and set timers. Confined to its event loop.
 */
final class ConnectionGuard implements Handler<HttpConnection> {
    private enum Phase { HEADERS, BODY, BUSY, IDLE }

    private final Vertx vertx;
    private final ServerLimits limits;
    private final Map<HttpConnection, Conn> conns = new IdentityHashMap<>();

    ConnectionGuard(Vertx vertx, ServerLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    @Override
    public void handle(HttpConnection connection) {
        Conn c = new Conn(connection, limits.open().incrementAndGet() > limits.maxConnections());
        conns.put(connection, c);
        connection.closeHandler(v -> {
            limits.open().decrementAndGet();
            c.deadline = 0;
            conns.remove(connection);
        });
        c.arm(Phase.HEADERS, limits.headerMs());
    }

    /** First route of every request: moves the connection's deadline, or refuses the request over the cap. */
    void request(RoutingContext ctx) {
        Conn c = conns.get(ctx.request().connection());
        if (c == null) { // not seen by the connection handler (an HTTP/2 upgrade would make a new object): guard it from here
            c = new Conn(ctx.request().connection(), false);
            conns.put(c.connection, c);
            Conn upgraded = c;
            c.connection.closeHandler(v -> conns.remove(upgraded.connection));
        }
        if (c.overCap) {
            refuse(ctx);
            return;
        }
        c.started(ctx);
        Conn conn = c;
        ctx.addEndHandler(v -> conn.ended(ctx));
        ctx.next();
    }

    private void refuse(RoutingContext ctx) {
        closeAfter(ctx);
        Responses.error(ctx, new ApiException(503, "server_error", "too_many_connections", null, "this node has "
                + limits.maxConnections() + " open connections (server.max-connections); retry shortly or on another node",
                null, Duration.ofSeconds(1)));
        ctx.request().connection().close();
    }

    /** Tells an HTTP/1 client the connection closes after this answer (HTTP/2 forbids the header). */
    private static void closeAfter(RoutingContext ctx) {
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader("connection", "close");
        }
    }

    /** One connection's state and its deadline. */
    private final class Conn {
        private final HttpConnection connection;
        private final boolean overCap;
        private Phase phase;
        private long deadline;      // System.nanoTime() at which the phase expires; 0 = none
        private boolean timerSet;
        private int inFlight;
        private RoutingContext reading;

        Conn(HttpConnection connection, boolean overCap) {
            this.connection = connection;
            this.overCap = overCap;
        }

        void started(RoutingContext ctx) {
            inFlight++;
            if (ctx.request().isEnded()) {
                phase = Phase.BUSY;
                deadline = 0;
            } else {
                reading = ctx;
                arm(Phase.BODY, limits.bodyMs());
            }
        }

        void ended(RoutingContext ctx) {
            inFlight--;
            if (reading == ctx) {
                reading = null;
            }
            if (inFlight == 0 && ServerTransport.halfClosed(connection)) {
                deadline = 0;
                connection.close();     // the client sends nothing more: its answers are out
            } else if (inFlight == 0) {
                arm(Phase.IDLE, limits.idleMs());
            } else if (reading == null) {
                phase = Phase.BUSY;
                deadline = 0;
            }
        }

        void arm(Phase next, long ms) {
            phase = next;
            deadline = System.nanoTime() + ms * 1_000_000;
            if (!timerSet) {
                timerSet = true;
                vertx.setTimer(ms, id -> fire());
            }
        }

        private void fire() {
            timerSet = false;
            if (deadline == 0) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                timerSet = true;
                vertx.setTimer(Math.max(1, left / 1_000_000), id -> fire());
                return;
            }
            deadline = 0;
            if (phase == Phase.BODY) {
                bodyTimedOut();
            } else {
                connection.close(); // no request to answer: a silent or dripping client, or an idle keep-alive
            }
        }

        private void bodyTimedOut() {
            RoutingContext ctx = reading;
            if (ctx == null || ctx.request().isEnded()) {
                phase = Phase.BUSY;
                return;
            }
            closeAfter(ctx);
            Responses.error(ctx, ApiException.invalid(408, "request_timeout", "the request body did not arrive within "
                    + limits.bodyMs() + " ms (server.body-timeout-ms)"));
            connection.close();
        }
    }
}
