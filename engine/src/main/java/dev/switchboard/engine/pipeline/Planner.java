package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.Rejection;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.engine.routing.FallbackReason;
import dev.switchboard.engine.routing.RouteDecider;
import dev.switchboard.engine.routing.RoutingEngine;
import dev.switchboard.engine.routing.RoutingLedger;
import dev.switchboard.engine.routing.RoutingSession;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Turns a parsed request into a {@link RoutePlan}: resolves {@code model} to a catalog model or a
 * route, asks the route's router, expands route names in the decision, and drops candidates that
 * cannot serve the request (capabilities, context window, missing credentials).
 */
public final class Planner {
    private static final Logger LOG = Logger.getLogger(Planner.class.getName());
    private static final int MAX_ROUTE_DEPTH = 3;

    private final TokenCounter tokens;
    private final BreakerRegistry breakers;

    /**
     * @param tokens   the token counter for features
     * @param breakers the breakers whose open models are skipped, or null for none
     */
    public Planner(TokenCounter tokens, BreakerRegistry breakers) {
        this.tokens = tokens;
        this.breakers = breakers;
    }

    /** Computes the request's features once. */
    public RequestFeatures features(ChatRequest request) {
        return RequestFeatures.extract(request, tokens::count);
    }

    /**
     * Plans a chat request whose routers are all pure.
     *
     * @return the plan, or null when a router on the way is blocking or asynchronous ({@link #planLater})
     * @throws ApiException 404 for an unknown model, 400/401 when no candidate can serve it
     */
    public RoutePlan plan(RoutingTable table, ChatRequest request, Map<String, String> metadata) {
        return plan(table, request, metadata, false);
    }

    /**
     * As {@link #plan(RoutingTable, ChatRequest, Map)}; an explanation counts the input tokens before
     * routing, so that the routers and the plan show exact estimates.
     */
    public RoutePlan plan(RoutingTable table, ChatRequest request, Map<String, String> metadata, boolean explain) {
        return plan(table, request, metadata, explain, null);
    }

    /**
     * Plans a request for a front door that needs a kind of model other than chat, when every
     * router on the way is pure (the zero-cost path: no future, no thread hop).
     *
     * @param need the capability every candidate must have ({@link Capability#EMBEDDINGS}), or null
     *             for chat, which skips models that have {@link Capability#EMBEDDINGS}
     * @return the plan, or null when a router on the way is blocking or asynchronous: then call
     *         {@link #planLater}
     * @throws ApiException 404 for an unknown model, 400/401 when no candidate can serve it
     */
    public RoutePlan plan(RoutingTable table, ChatRequest request, Map<String, String> metadata, boolean explain, Capability need) {
        RequestFeatures features = features(request);
        if (explain) {
            features.estimatedInputTokens();
        }
        String name = request.model();
        ModelDescriptor direct = table.catalog().get(name);
        if (direct != null) {
            List<String> chain = new ArrayList<>();
            chain.add(direct.id());
            chain.addAll(direct.fallbacks());
            return filter(table, null, null, "direct", Map.of(), chain, features, metadata, need, null);
        }
        RoutingTable.RouteRuntime route = table.routes().get(name);
        if (route == null) {
            throw unknownModel(table, name);
        }
        if (route.deferred()) {
            return null;
        }
        RoutingDecision decision = route.decider().decideNow(routingRequest(route, table, request, features, metadata), table.routes());
        Set<String> models = new LinkedHashSet<>();
        if (!expand(table, decision.models(), request, features, metadata, models, 0)) {
            return null;
        }
        FallbackReason fellBack = RouteDecider.fallbackOf(decision);
        RoutingLedger ledger = fellBack == null ? null : RoutingLedger.fellBack(fellBack);
        return filter(table, route.name(), route.routerId(), reason(route, decision, fellBack), decision.labels(),
                new ArrayList<>(models), features, metadata, need, ledger);
    }

    /**
     * Plans a request to a route whose router (or a router it leads to) is blocking or asynchronous:
     * each such router decides within its route's {@code decision-timeout-ms}, else its fallback.
     * Call on the request's event loop; the plan completes there.
     *
     * @param session the request's routing services and the ledger of what routing spent
     * @return the plan; fails with an {@link ApiException} as {@link #plan} throws
     */
    public Future<RoutePlan> planLater(RoutingTable table, ChatRequest request, Map<String, String> metadata, boolean explain,
                                       Capability need, RoutingSession session) {
        RequestFeatures features = features(request);
        if (explain) {
            features.estimatedInputTokens();
        }
        RoutingTable.RouteRuntime route = table.routes().get(request.model());
        if (route == null) {
            return Future.failedFuture(unknownModel(table, request.model()));
        }
        Set<String> models = new LinkedHashSet<>();
        return decide(route, table, request, features, metadata, session).compose(decision -> {
            FallbackReason fellBack = RouteDecider.fallbackOf(decision);
            if (fellBack != null) {
                session.ledger().fallback(fellBack);
            }
            return expandLater(table, decision.models(), request, features, metadata, models, 0, session)
                    .map(v -> filter(table, route.name(), route.routerId(), reason(route, decision, fellBack), decision.labels(),
                            new ArrayList<>(models), features, metadata, need, session.ledger()));
        });
    }

    /** The plan's reason: the router's, after its id; a fallback's says so itself. */
    private static String reason(RoutingTable.RouteRuntime route, RoutingDecision decision, FallbackReason fellBack) {
        return fellBack != null ? decision.reason() : route.routerId() + ": " + decision.reason();
    }

    private static RoutingRequest routingRequest(RoutingTable.RouteRuntime route, RoutingTable table, ChatRequest request,
                                                 RequestFeatures features, Map<String, String> metadata) {
        return new RoutingRequest(route.name(), request, features, table.catalog(), metadata);
    }

    private static Future<RoutingDecision> decide(RoutingTable.RouteRuntime route, RoutingTable table, ChatRequest request,
                                                  RequestFeatures features, Map<String, String> metadata, RoutingSession session) {
        RoutingRequest r = routingRequest(route, table, request, features, metadata);
        try {
            if (!route.deferred()) {
                return Future.succeededFuture(route.decider().decideNow(r, table.routes()));
            }
            RoutingEngine engine = session.engine();
            return route.decider().decideLater(r, table.routes(), session.servicesFor(route.name()), engine.vertx(), engine.workers());
        } catch (ApiException e) {
            return Future.failedFuture(e);
        }
    }

    /** As {@link #expand}, deciding routes of any kind, one after another so that the chain keeps its order. */
    private Future<Void> expandLater(RoutingTable table, List<String> names, ChatRequest request, RequestFeatures features,
                                     Map<String, String> metadata, Set<String> out, int depth, RoutingSession session) {
        Future<Void> done = Future.succeededFuture();
        for (String n : names) {
            done = done.compose(v -> {
                if (table.catalog().containsKey(n)) {
                    out.add(n);
                } else if (table.routes().containsKey(n) && depth < MAX_ROUTE_DEPTH) {
                    return decide(table.routes().get(n), table, request, features, metadata, session)
                            .compose(d -> expandLater(table, d.models(), request, features, metadata, out, depth + 1, session));
                } else {
                    LOG.warning(() -> "routing decision names unknown model or route '" + n + "'; skipped");
                }
                return Future.succeededFuture();
            });
        }
        return done;
    }

    /** Adds the catalog models the names lead to; false when one of them is a route that decides later. */
    private boolean expand(RoutingTable table, List<String> names, ChatRequest request, RequestFeatures features,
                           Map<String, String> metadata, Set<String> out, int depth) {
        for (String n : names) {
            RoutingTable.RouteRuntime nested;
            if (table.catalog().containsKey(n)) {
                out.add(n);
            } else if ((nested = table.routes().get(n)) != null && depth < MAX_ROUTE_DEPTH) {
                if (nested.deferred()) {
                    return false;
                }
                RoutingDecision d = nested.decider().decideNow(routingRequest(nested, table, request, features, metadata), table.routes());
                if (!expand(table, d.models(), request, features, metadata, out, depth + 1)) {
                    return false;
                }
            } else {
                LOG.warning(() -> "routing decision names unknown model or route '" + n + "'; skipped");
            }
        }
        return true;
    }

    private RoutePlan filter(RoutingTable table, String route, String router, String reason, Map<String, String> labels,
                             List<String> chain, RequestFeatures features, Map<String, String> metadata, Capability need,
                             RoutingLedger routing) {
        List<ModelDescriptor> candidates = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (String id : chain) {
            ModelDescriptor m = table.catalog().get(id);
            Rejection r = purpose(m, need);
            if (r == null) {
                // an embeddings batch is not one context: each input's length is the upstream's to judge
                r = need == Capability.EMBEDDINGS ? credentials(table, m) : check(table, m, features);
            }
            if (r == null && breakers != null && !breakers.available(id)) {
                r = new Rejection(id, "circuit breaker open until " + java.time.Instant.ofEpochMilli(breakers.reopensAt(id)), "breaker");
            }
            if (r == null) {
                candidates.add(m);
            } else {
                rejected.add(r.at(candidates.size()));
            }
        }
        if (route != null && "true".equals(metadata.get(ChatService.PREFER_CHEAPER))) {
            // the key passed its prefer-cheaper-at share of the budget: cheapest capable candidates first
            CheaperFirst.reorder(candidates, rejected, table.catalog(), features);
            reason = reason + " (budget: cheapest first)";
        }
        RoutePlan plan = new RoutePlan(route, router, reason, labels, candidates, rejected, features, routing);
        if (candidates.isEmpty()) {
            throw noCandidate(route != null ? "route '" + route + "'" : "model '" + chain.get(0) + "'", rejected, features, breakers, need);
        }
        return plan;
    }

    /** Why a model is the wrong kind for the front door (embeddings vs chat), or null. */
    static Rejection purpose(ModelDescriptor m, Capability need) {
        if (need != null && !m.can(need)) {
            return new Rejection(m.id(), "no " + need.configName() + " capability (this request needs a model with capability '"
                    + need.configName() + "')", "capability");
        }
        if (need == null && m.can(Capability.EMBEDDINGS)) {
            return new Rejection(m.id(), "an embedding model (capability 'embeddings'): it serves POST /v1/embeddings, not chat",
                    "capability");
        }
        return null;
    }

    /** Why a model cannot serve the request, or null when it can. */
    static Rejection check(RoutingTable table, ModelDescriptor m, RequestFeatures f) {
        if (f.hasImages() && !m.can(Capability.VISION)) {
            return new Rejection(m.id(), "no vision capability (request has images)", "capability");
        }
        if (f.hasTools() && !m.can(Capability.TOOLS)) {
            return new Rejection(m.id(), "no tools capability (request has tools)", "capability");
        }
        if (f.wantsJson() && !m.can(Capability.JSON)) {
            return new Rejection(m.id(), "no json capability (request asks for JSON output)", "capability");
        }
        int out = f.outputTokensOr(0);
        if (f.requestedMaxOutputTokens() != null && out > m.maxOutputTokens()) {
            return new Rejection(m.id(), "max_tokens " + out + " exceeds its max output " + m.maxOutputTokens(), "context");
        }
        if (!f.inputFits((long) m.contextWindow() - out)) {
            return new Rejection(m.id(), "needs ~" + (f.estimatedInputTokens() + out) + " tokens, context window is "
                    + m.contextWindow(), "context");
        }
        return credentials(table, m);
    }

    /** Why the model's provider cannot be called (no API key), or null. */
    static Rejection credentials(RoutingTable table, ModelDescriptor m) {
        ProviderRuntime p = table.providers().get(m.provider());
        if (p != null && p.missingCredential() != null) {
            return new Rejection(m.id(), "provider '" + p.id() + "' has no API key: set the environment variable "
                    + p.missingCredential(), "credentials");
        }
        return null;
    }

    private static ApiException noCandidate(String what, List<Rejection> rejected, RequestFeatures f, BreakerRegistry breakers,
                                            Capability need) {
        String details = rejected.stream().map(r -> r.model() + ": " + r.reason()).collect(Collectors.joining("; "));
        JsonObject extra = new JsonObject().put("rejected", new io.vertx.core.json.JsonArray(rejected.stream()
                .map(r -> new JsonObject().put("model", r.model()).put("reason", r.reason()).put("kind", r.kind())).toList()));
        long now = System.currentTimeMillis();
        long reopen = rejected.stream().filter(r -> "breaker".equals(r.kind())).mapToLong(r -> breakers.reopensAt(r.model()))
                .filter(t -> t > now).min().orElse(0);
        if (reopen > 0) {
            return skipped(new ApiException(503, "server_error", "all_candidates_open", "model",
                    what + " has no model available now: " + details, extra, java.time.Duration.ofMillis(reopen - now)), rejected);
        }
        if (rejected.stream().allMatch(r -> "credentials".equals(r.kind()))) {
            return skipped(new ApiException(401, "authentication_error", "provider_key_missing", "model",
                    what + " cannot be served: " + details, extra, null), rejected);
        }
        List<String> needs = new ArrayList<>();
        if (need != null) {
            needs.add("capability '" + need.configName() + "'");
        }
        if (f.hasImages()) {
            needs.add("vision");
        }
        if (f.hasTools()) {
            needs.add("tools");
        }
        if (f.wantsJson()) {
            needs.add("json");
        }
        needs.add("~" + f.estimatedInputTokens() + " input tokens");
        return skipped(new ApiException(400, "invalid_request_error", "no_capable_model", "model",
                "no model of " + what + " can serve this request (it needs " + String.join(", ", needs) + "): " + details, extra, null),
                rejected);
    }

    /** The error with every candidate passed over listed as a skip attempt (decision log, fallback metrics). */
    private static ApiException skipped(ApiException e, List<Rejection> rejected) {
        List<dev.switchboard.engine.resilience.Attempt> skips = new ArrayList<>(rejected.size());
        rejected.forEach(r -> skips.add(r.attempt()));
        return new dev.switchboard.engine.resilience.AttemptsFailedException(e, skips);
    }

    private static ApiException unknownModel(RoutingTable table, String name) {
        List<String> some = new ArrayList<>(table.routes().keySet());
        table.catalog().keySet().stream().limit(8).forEach(some::add);
        return new ApiException(404, "invalid_request_error", "model_not_found", "model",
                "model '" + name + "' does not exist; use a catalog model or a route, e.g. " + String.join(", ", some)
                        + " (GET /v1/models lists all)", null, null);
    }
}
