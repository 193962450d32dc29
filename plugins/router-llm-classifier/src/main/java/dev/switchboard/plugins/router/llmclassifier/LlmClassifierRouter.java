package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.spi.routing.RoutingServices;
import dev.switchboard.toolkit.routing.CapableModels;
import dev.switchboard.toolkit.routing.QueryWindow;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks the route's classifier (a catalog model or route, through the engine) which category the
 * request belongs to, first rule that applies:
 * <ol>
 *   <li>the request carries tools and a category is named {@code tools}: that category, unasked;</li>
 *   <li>the last user turn has no text (empty, image-only): the default category, unasked;</li>
 *   <li>the answer cached for the same text (by its SHA-256) within {@code cache-ttl-ms};</li>
 *   <li>the classifier's answer, parsed strictly ({@link ClassifierAnswer}); an answer outside the
 *       list, an error or a late answer fails the decision, and the route's fallback router decides.</li>
 * </ol>
 * The chosen chain puts models able to read the request's images and call its tools first. The
 * classification's tokens and cost are the request's routing cost (the engine records them).
 * Never blocks; thread-safe (immutable).
 */
final class LlmClassifierRouter implements AsyncRouter {
    private static final String TOOLS = "tools";

    /** Settings of one route. */
    record Settings(String classifier, Category defaultCategory, long cacheTtlMs, int historyTurns, int maxChars) {
    }

    private final Map<String, Category> categories;
    private final Settings settings;
    private final ClassifierPrompt prompt;

    LlmClassifierRouter(List<Category> categories, Settings settings, ClassifierPrompt prompt) {
        Map<String, Category> byName = new LinkedHashMap<>();
        categories.forEach(c -> byName.put(c.name(), c));
        this.categories = java.util.Collections.unmodifiableMap(byName);
        this.settings = settings;
        this.prompt = prompt;
    }

    @Override
    public Future<RoutingDecision> routeAsync(RoutingRequest request, RoutingServices services) {
        Category tools = categories.get(TOOLS);
        if (tools != null && request.features().hasTools()) {
            return Future.succeededFuture(decide(request, tools, "(request has tools)"));
        }
        QueryWindow window = QueryWindow.of(request.request().messages(), settings.historyTurns(), 1, settings.maxChars());
        if (window.empty()) {
            String why = request.features().hasImages() ? "image-only message" : "empty message";
            return Future.succeededFuture(decide(request, settings.defaultCategory(), "default (" + why + ": nothing to classify)"));
        }
        String by = "by=" + settings.classifier() + cutNote(window);
        if (settings.cacheTtlMs() == 0) {
            return ask(request, services, window, null).map(c -> decide(request, c, by));
        }
        String key = cacheKey(window);
        return services.cache().get(key).compose(cached -> {
            Category hit = cached == null ? null : categories.get(cached); // a name the route no longer has is a miss
            if (hit != null) {
                return Future.succeededFuture(decide(request, hit, by + " (cached)"));
            }
            return ask(request, services, window, key).map(c -> decide(request, c, by));
        });
    }

    /** Asks the classifier; remembers a good answer under {@code key} (not waited for: the cache is a hint). */
    private Future<Category> ask(RoutingRequest request, RoutingServices services, QueryWindow window, String key) {
        return services.complete(settings.classifier(), prompt.request(settings.classifier(), window)).map(answer -> {
            String name = ClassifierAnswer.category(answer, categories.keySet(), settings.classifier());
            if (key != null) {
                services.cache().put(key, name, settings.cacheTtlMs());
            }
            return categories.get(name);
        });
    }

    private static RoutingDecision decide(RoutingRequest request, Category category, String why) {
        Set<Capability> needs = CapableModels.needs(request.features());
        List<String> models = CapableModels.first(category.models(), needs, request.catalog());
        return new RoutingDecision(models, "category=" + category.name() + " " + why
                + CapableModels.note(category.models(), models, needs), Map.of("category", category.name()));
    }

    private static String cutNote(QueryWindow window) {
        return window.cut() ? " (classified " + window.texts().get(0).length() + " of " + window.lastTurnChars()
                + " chars, head+tail)" : "";
    }

    /** The SHA-256 of the window's text: the same text (and earlier turns) asks once per TTL. */
    static String cacheKey(QueryWindow window) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(window.key().getBytes(StandardCharsets.UTF_8));
            return "llm-classifier:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
