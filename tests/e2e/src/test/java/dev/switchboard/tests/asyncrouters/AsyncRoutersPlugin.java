package dev.switchboard.tests.asyncrouters;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.spi.routing.RoutingServices;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A third-party plugin with asynchronous routers, packed into a jar by the test from these classes
 * (uses the SPI and Vert.x only, as a plugin jar must): {@code ask-model} asks a catalog model
 * through {@link RoutingServices#complete} whether the prompt is about code, caches the answer and
 * routes by it; {@code hang} never answers.
 */
public final class AsyncRoutersPlugin implements Plugin {

    @Override
    public String name() {
        return "async-routers-test";
    }

    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new ClassifierFactory(), new HangFactory(), new ThreadNameFactory());
    }

    /**
     * {@code ask-model}: options {@code classifier}, {@code code-model}, {@code general-model} (named apart from
     * the built-in {@code llm-classifier}: router ids are unique).
     */
    static final class ClassifierFactory implements RouterFactory {
        @Override
        public String id() {
            return "ask-model";
        }

        @Override
        public Router create(JsonObject options, RouterContext context) {
            for (String key : List.of("classifier", "code-model", "general-model")) {
                if (!context.knows(options.getString(key, ""))) {
                    throw new PluginConfigException(key, "must name a catalog model or route");
                }
            }
            return new Classifier(options.getString("classifier"), options.getString("code-model"), options.getString("general-model"));
        }
    }

    /** Asks the classifier model, then routes by its answer; answers are cached for a minute. */
    record Classifier(String classifier, String codeModel, String generalModel) implements AsyncRouter {
        @Override
        public Future<RoutingDecision> routeAsync(RoutingRequest request, RoutingServices services) {
            String text = request.features().lastUserText();
            return services.cache().get(text).compose(cached -> {
                if (cached != null) {
                    return Future.succeededFuture(decide(cached, "cached"));
                }
                return services.complete(classifier, question(text)).compose(answer -> {
                    String label = answer.choices().get(0).content().contains("code") ? "code" : "general";
                    return services.cache().put(text, label, 60_000).map(v -> decide(label, "classifier said"));
                });
            });
        }

        private RoutingDecision decide(String label, String how) {
            return new RoutingDecision(List.of("code".equals(label) ? codeModel : generalModel), how + " " + label,
                    java.util.Map.of("category", label));
        }

        /** The body is what is sent; the typed fields say the same (a plugin bundling the toolkit would parse the body). */
        private static ChatRequest question(String text) {
            String prompt = "Classify: " + text;
            JsonObject body = new JsonObject().put("model", "ignored").put("max_tokens", 5)
                    .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
            return new ChatRequest(body, "ignored", List.of(ChatMessage.of("user", prompt)), false, false, 5, null, null, null, null,
                    null, null, null);
        }
    }

    /** {@code thread-name}: a blocking router naming the thread it ran on in its reason; option {@code model}. */
    static final class ThreadNameFactory implements RouterFactory {
        @Override
        public String id() {
            return "thread-name";
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public Router create(JsonObject options, RouterContext context) {
            String model = options.getString("model");
            return request -> RoutingDecision.of(List.of(model), "ran on " + Thread.currentThread().getName()
                    + (io.vertx.core.Context.isOnEventLoopThread() ? " (event loop)" : ""));
        }
    }

    /** {@code hang}: a router whose decision never comes. */
    static final class HangFactory implements RouterFactory {
        @Override
        public String id() {
            return "hang";
        }

        @Override
        public Router create(JsonObject options, RouterContext context) {
            return (AsyncRouter) (request, services) -> Promise.<RoutingDecision>promise().future();
        }
    }
}
