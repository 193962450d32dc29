package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.testkit.FakeCatalog;
import dev.switchboard.testkit.Messages;
import dev.switchboard.testkit.Requests;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The testkit's standard catalog, this module's routes, and requests for route {@code auto}. */
final class Fixtures {
    static final Map<String, ModelDescriptor> CATALOG = FakeCatalog.standard();
    static final RouterContext CONTEXT = FakeCatalog.context("auto", CATALOG, "cheapest");

    private Fixtures() {
    }

    /** A parsed request for route {@code auto} with the messages, plus tools when asked. */
    static RoutingRequest request(boolean withTools, JsonObject... messages) {
        JsonObject body = new JsonObject(Requests.body("auto", messages));
        if (withTools) {
            body.put("tools", Messages.tools());
        }
        return Requests.routing(body, CATALOG);
    }

    static RoutingRequest request(JsonObject... messages) {
        return request(false, messages);
    }
}
