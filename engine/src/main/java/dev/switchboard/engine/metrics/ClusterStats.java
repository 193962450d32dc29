package dev.switchboard.engine.metrics;

import dev.switchboard.engine.cluster.NodeRegistry;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.resilience.BreakerRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /v1/stats?scope=cluster}: each node answers its own figures on its address
 * {@code switchboard.node.<id>.stats}; the node asked collects every live node's answer (each within
 * {@value #NODE_TIMEOUT_MS} ms; a node that does not answer is listed under {@code unreachable}) and
 * sums them with {@link StatsSum}. The live-node list has the deadline of cluster operations (see
 * {@link NodeRegistry#liveNodes}).
 */
public final class ClusterStats {
    static final long NODE_TIMEOUT_MS = 1000;

    private final Vertx vertx;
    private final NodeRegistry nodes;
    private final MessageConsumer<Object> consumer;

    private ClusterStats(Vertx vertx, NodeRegistry nodes, Supplier<JsonObject> report) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.consumer = vertx.eventBus().consumer(address(nodes.id()), msg -> msg.reply(report.get()));
    }

    /**
     * Starts answering for this node.
     *
     * @param nodes  this node's registry entry
     * @param report this node's report, see {@link #report}
     */
    public static Future<ClusterStats> start(Vertx vertx, NodeRegistry nodes, Supplier<JsonObject> report) {
        ClusterStats stats = new ClusterStats(vertx, nodes, report);
        return stats.consumer.completion().map(stats);
    }

    /** The address a node answers its stats on. */
    public static String address(String nodeId) {
        return "switchboard.node." + nodeId + ".stats";
    }

    /**
     * A node's report: {@code id}, {@code http_port}, {@code breakers} ({@code {model: state}}) and
     * {@code stats} ({@link StatsObserver#export}).
     */
    public static JsonObject report(String id, int httpPort, StatsObserver stats, BreakerRegistry breakers, Collection<String> catalog) {
        JsonObject states = new JsonObject();
        JsonArray snapshot = breakers.snapshot(catalog);
        for (int i = 0; i < snapshot.size(); i++) {
            states.put(snapshot.getJsonObject(i).getString("model"), snapshot.getJsonObject(i).getString("state"));
        }
        return new JsonObject().put("id", id).put("http_port", httpPort).put("breakers", states).put("stats", stats.export(catalog));
    }

    /**
     * The cluster's figures: the sums of {@link StatsSum#toJson()} plus {@code scope: "cluster"},
     * {@code nodes} (id, http_port, since, total figures, breakers of each node that answered) and {@code unreachable}
     * (ids of live-listed nodes that did not answer in time).
     */
    public Future<JsonObject> collect() {
        return nodes.liveNodes()
                .recover(t -> Future.failedFuture(new ApiException(503, "api_error", "cluster_unavailable", null,
                        "the cluster's live-node map did not answer (" + t.getMessage() + "); try again or ask scope=node", null, null)))
                .compose(this::askAll);
    }

    private Future<JsonObject> askAll(List<String> ids) {
        List<Future<Message<Object>>> asks = ids.stream().map(this::ask).toList();
        return Future.join(asks).otherwiseEmpty().map(v -> sum(ids, asks)); // join waits for every answer or failure
    }

    private Future<Message<Object>> ask(String id) {
        return vertx.eventBus().request(address(id), null, new DeliveryOptions().setSendTimeout(NODE_TIMEOUT_MS));
    }

    private static JsonObject sum(List<String> ids, List<Future<Message<Object>>> asks) {
        StatsSum sum = new StatsSum();
        JsonArray answered = new JsonArray();
        JsonArray unreachable = new JsonArray();
        for (int i = 0; i < ids.size(); i++) {
            Future<Message<Object>> ask = asks.get(i);
            if (ask.failed()) {
                unreachable.add(ids.get(i));
                continue;
            }
            JsonObject report = (JsonObject) ask.result().body();
            sum.add(report.getJsonObject("stats"));
            answered.add(new JsonObject().put("id", report.getString("id")).put("http_port", report.getInteger("http_port"))
                    .put("since", report.getJsonObject("stats").getString("since"))
                    .put("total", StatsSum.summary(report.getJsonObject("stats").getJsonObject("total")))
                    .put("breakers", report.getJsonObject("breakers")));
        }
        return new JsonObject().put("scope", "cluster").mergeIn(sum.toJson()).put("nodes", answered).put("unreachable", unreachable);
    }

    /** Stops answering and leaves the live-node map. */
    public Future<Void> close() {
        return consumer.unregister().eventually(nodes::close);
    }
}
