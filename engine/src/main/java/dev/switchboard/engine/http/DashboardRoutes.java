package dev.switchboard.engine.http;

import dev.switchboard.engine.metrics.DecisionLog;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard at {@code /ui/} (static files from the jar's {@value #ASSETS} directory; the page
 * itself holds no data, every figure comes from the admin API with the key the user types) and the
 * admin-guarded decision stream it shows, {@code GET /v1/decisions/stream}.
 */
final class DashboardRoutes {
    static final String ASSETS = "switchboard-ui";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private DashboardRoutes() {
    }

    static void mount(Router router, AdminGuard adminGuard, DecisionLog decisions) {
        router.get("/v1/decisions/stream").handler(adminGuard).handler(new DecisionStream(decisions));
        router.get("/ui").handler(ctx -> {
            if (ctx.request().path().equals("/ui")) {   // the route also matches "/ui/"
                ctx.redirect("/ui/");
            } else {
                ctx.next();
            }
        });
        router.get("/ui/*").handler(ctx -> {
            ctx.response().putHeader("content-security-policy", CSP).putHeader("x-content-type-options", "nosniff")
                    .putHeader("referrer-policy", "no-referrer").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            ctx.next();
        }).handler(StaticHandler.create(ASSETS).setCachingEnabled(false).setDirectoryListing(false)
                .setDefaultContentEncoding("UTF-8"));
    }
}
