package dev.switchboard.quality;

import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingCache;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.spi.routing.RoutingServices;
import dev.switchboard.spi.routing.RoutingStats;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * The built-in {@code llm-classifier} router over the {@code task} route's categories, its classifier
 * a scripted fake: it finds the message to classify in the prompt it is sent, looks the text up in
 * the evaluation set and answers {@code {"category": "<its label>"}}, except for one prompt in ten
 * (by text hash), where it answers prose. A failed decision is taken by {@code task-keyword}, as the
 * engine's {@code fallback-router} would. So the figures measure the router's plumbing (the text
 * reaches the prompt, the answer is parsed strictly, a bad answer falls back), not a model.
 */
public final class ScriptedClassifierSubject implements Subject {
    /** One prompt in this many gets a garbage answer. */
    static final int GARBAGE_EVERY = 10;
    private static final String ROUTE = "task";
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "code", "writing, debugging, reviewing or explaining code",
            "reasoning", "math word problems, logic, step-by-step analysis",
            "tools", "requests that need to call functions or look things up",
            "conversation", "greetings, small talk, thanks, chit-chat",
            "general", "everything else");

    private final DefaultRoutes routes;
    private final TokenCounter tokens;
    private final AsyncRouter router;
    private final Subject fallback;
    private final Map<String, String> labels = new HashMap<>();
    private final List<String> categories;

    public ScriptedClassifierSubject(DefaultRoutes routes, TokenCounter tokens, List<EvalItem> eval) {
        this.routes = routes;
        this.tokens = tokens;
        this.fallback = RouteSubject.of(routes, "task-keyword", tokens);
        this.categories = routes.keys(ROUTE, "categories");
        eval.forEach(item -> labels.put(item.text().strip(), item.category()));
        JsonObject cats = new JsonObject();
        for (String c : categories) {
            cats.put(c, new JsonObject().put("description", DESCRIPTIONS.getOrDefault(c, c))
                    .put("models", routes.options(ROUTE).getJsonObject("categories").getJsonObject(c).getJsonArray("models")));
        }
        String classifier = routes.table().catalog().keySet().iterator().next();
        JsonObject options = new JsonObject().put("classifier", classifier).put("categories", cats)
                .put("default-category", "general").put("cache-ttl-ms", 0); // every pass asks: no cache hits in the figures
        this.router = (AsyncRouter) factory().create(options, new RouterContext("task-llm", routes.table().catalog(),
                routes.table().routes().keySet()));
    }

    private static RouterFactory factory() {
        for (Plugin p : ServiceLoader.load(Plugin.class)) {
            for (RouterFactory f : p.routerFactories()) {
                if (f.id().equals("llm-classifier")) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("the llm-classifier router plugin is not on the class path");
    }

    @Override
    public String name() {
        return "task (llm-classifier, scripted)";
    }

    @Override
    public List<String> categories() {
        return categories;
    }

    @Override
    public List<String> tiers() {
        return List.of();
    }

    @Override
    public Verdict decide(EvalItem item) {
        ChatRequest request = ChatRequestParser.parse(RouteSubject.body(ROUTE, item.text()));
        long cpu = Clock.cpu();
        long start = System.nanoTime();
        RequestFeatures features = RequestFeatures.extract(request, tokens::count);
        Future<RoutingDecision> f = router.routeAsync(new RoutingRequest(ROUTE, request, features, routes.table().catalog(),
                Map.of()), new ScriptedServices()); // the fake completes at once: the future is done here
        if (f.failed()) {
            return fallback.decide(item);
        }
        RoutingDecision d = f.result();
        return new Verdict(d.labels().get("category"), null, d.primary(), System.nanoTime() - start, Clock.cpu() - cpu);
    }

    /** The classifier's answer for the message it finds in the prompt. */
    private String answer(ChatRequest classification) {
        String prompt = classification.messages().get(classification.messages().size() - 1).text();
        String marker = "Message to classify:\n";
        int at = prompt.indexOf(marker);
        String text = at < 0 ? "" : prompt.substring(at + marker.length()).strip();
        String label = labels.get(text);
        if (label == null || Math.floorMod(text.hashCode(), GARBAGE_EVERY) == 0) {
            return "I think this is about " + (label == null ? "something" : label) + ".";
        }
        return "{\"category\": \"" + label + "\"}";
    }

    /** The engine's services with the scripted classifier; no cache, no pool, no statistics. */
    private final class ScriptedServices implements RoutingServices {
        @Override
        public Future<ChatResponse> complete(String modelOrRoute, ChatRequest request) {
            return Future.succeededFuture(new ChatResponse("scripted", modelOrRoute, 0,
                    List.of(ChatResponse.Choice.text(0, answer(request), "stop")), Usage.of(0, 0), null));
        }

        @Override
        public <T> Future<T> executeBlocking(Callable<T> work) {
            throw new UnsupportedOperationException("not used by llm-classifier");
        }

        @Override
        public RoutingCache cache() {
            throw new UnsupportedOperationException("cache-ttl-ms is 0");
        }

        @Override
        public RoutingStats stats() {
            throw new UnsupportedOperationException("not used by llm-classifier");
        }
    }
}
