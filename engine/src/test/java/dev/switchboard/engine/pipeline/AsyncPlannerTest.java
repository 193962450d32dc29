package dev.switchboard.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.metrics.StatsObserver;
import dev.switchboard.engine.routing.RouteDecider;
import dev.switchboard.engine.routing.RoutingCalls;
import dev.switchboard.engine.routing.RoutingEngine;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.engine.routing.RoutingSession;
import dev.switchboard.engine.routing.RoutingWorkers;
import dev.switchboard.engine.routing.SharedRoutingCache;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planner with blocking and asynchronous routers: the router's decision when it gives a usable
 * one in time, else the route's fallback with the reason, and pure routers on the synchronous path.
 */
class AsyncPlannerTest {
    private static final TokenCounter TOKENS = new TokenCounter();
    private static final Router FALLBACK = r -> RoutingDecision.of(List.of("cheap"), "safe choice");

    private final Vertx vertx = Vertx.vertx();
    private final RoutingWorkers workers = RoutingWorkers.create(vertx, 1, 0);
    private final RoutingEngine engine = new RoutingEngine(vertx, workers,
            new SharedRoutingCache(vertx, ClusterGuard.create(vertx, 300)), new StatsObserver());
    private final Planner planner = new Planner(TOKENS, null);

    @AfterEach
    void tearDown() throws Exception {
        get(vertx.close());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on an event loop, as a front door would, and waits for its outcome. */
    private <T> T onLoop(Supplier<Future<T>> work) throws Exception {
        Promise<T> done = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(done));
        return get(done.future());
    }

    static ModelDescriptor model(String id, double price) {
        return new ModelDescriptor(id, "p", id, 128_000, 4096, Set.of(), price, price, null, List.of());
    }

    static RoutingTable table(RouteDecider.Mode mode, Router router, long timeoutMs) {
        Map<String, ModelDescriptor> catalog = new LinkedHashMap<>();
        catalog.put("cheap", model("cheap", 0.1));
        catalog.put("smart", model("smart", 5.0));
        RouteDecider decider = new RouteDecider("auto", router, mode, timeoutMs, "floor", FALLBACK, true);
        return new RoutingTable(catalog, Map.of("auto", new RoutingTable.RouteRuntime("auto", "test", router, null, decider)),
                Map.of(), SecretRedactor.SHAPES_ONLY);
    }

    static ChatRequest request() {
        return ChatRequestParser.parse(new JsonObject().put("model", "auto")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hello"))));
    }

    private RoutingSession session(RoutingCalls calls) {
        return engine.session(calls, List.of());
    }

    private RoutePlan planLater(RoutingTable t) throws Exception {
        RoutingSession s = session((r, chain) -> Future.failedFuture("no routing calls in this test"));
        return onLoop(() -> planner.planLater(t, request(), Map.of(), false, null, s));
    }

    private static void assertFellBack(RoutePlan plan, String why) {
        assertEquals("cheap", plan.candidates().get(0).id());
        assertTrue(plan.reason().startsWith("fallback(" + why + "): floor: safe choice"), plan.reason());
        assertEquals(why, plan.labels().get(RouteDecider.FALLBACK_LABEL));
        assertEquals(why, plan.routing().report().fallback());
    }

    @Test
    void anAsyncRouterThatAnswersInTimeDecides() throws Exception {
        AsyncRouter router = (r, services) -> Future.succeededFuture(RoutingDecision.of(List.of("smart"), "looked hard"));
        RoutingTable t = table(RouteDecider.Mode.ASYNC, router, 1000);
        assertNull(planner.plan(t, request(), Map.of(), false, null), "an async route has no synchronous plan");
        RoutePlan plan = planLater(t);
        assertEquals("smart", plan.candidates().get(0).id());
        assertEquals("test: looked hard", plan.reason());
        assertNull(plan.routing().report().fallback());
    }

    @Test
    void aRouterThatNeverCompletesGetsTheFallbackAtTheDecisionTimeout() throws Exception {
        AsyncRouter router = (r, services) -> Promise.<RoutingDecision>promise().future();
        long t0 = System.nanoTime();
        RoutePlan plan = planLater(table(RouteDecider.Mode.ASYNC, router, 150));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFellBack(plan, "timeout");
        assertTrue(ms >= 140 && ms < 3000, "decided at the timeout, took " + ms + " ms");
    }

    @Test
    void aRouterThatThrowsGetsTheFallback() throws Exception {
        AsyncRouter router = (r, services) -> {
            throw new IllegalStateException("boom");
        };
        assertFellBack(planLater(table(RouteDecider.Mode.ASYNC, router, 1000)), "failed");
    }

    @Test
    void aFailedFutureGetsTheFallback() throws Exception {
        AsyncRouter router = (r, services) -> Future.failedFuture(new RuntimeException("classifier down"));
        assertFellBack(planLater(table(RouteDecider.Mode.ASYNC, router, 1000)), "failed");
    }

    @Test
    void anEmptyOrUnknownDecisionGetsTheFallback() throws Exception {
        AsyncRouter empty = (r, services) -> Future.succeededFuture(null);
        assertFellBack(planLater(table(RouteDecider.Mode.ASYNC, empty, 1000)), "empty");
        AsyncRouter unknown = (r, services) -> Future.succeededFuture(RoutingDecision.of(List.of("gpt-9", "nope"), "invented"));
        assertFellBack(planLater(table(RouteDecider.Mode.ASYNC, unknown, 1000)), "unknown_model");
        AsyncRouter noFuture = (r, services) -> null;
        assertFellBack(planLater(table(RouteDecider.Mode.ASYNC, noFuture, 1000)), "failed");
    }

    @Test
    void onlyTheFirstCompletionCounts() throws Exception {
        AtomicReference<Boolean> second = new AtomicReference<>();
        AsyncRouter twice = (r, services) -> {
            Promise<RoutingDecision> p = Promise.promise();
            p.complete(RoutingDecision.of(List.of("smart"), "first"));
            second.set(p.tryComplete(RoutingDecision.of(List.of("cheap"), "second")));
            return p.future();
        };
        RoutePlan plan = planLater(table(RouteDecider.Mode.ASYNC, twice, 1000));
        assertEquals("test: first", plan.reason());
        assertFalse(second.get());

        // an answer after the timeout is ignored: the fallback's decision stands, and nothing fails
        Promise<RoutingDecision> late = Promise.promise();
        AsyncRouter slow = (r, services) -> {
            vertx.setTimer(300, id -> late.complete(RoutingDecision.of(List.of("smart"), "too late")));
            return late.future();
        };
        assertFellBack(planLater(table(RouteDecider.Mode.ASYNC, slow, 50)), "timeout");
        long deadline = System.currentTimeMillis() + 5000;
        while (!late.future().isComplete() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(late.future().succeeded());
    }

    @Test
    void aBlockingRouterRunsOnTheRoutingPoolNeverOnAnEventLoop() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<Boolean> onLoop = new AtomicReference<>();
        Router blocking = r -> {
            thread.set(Thread.currentThread().getName());
            onLoop.set(Context.isOnEventLoopThread());
            return RoutingDecision.of(List.of("smart"), "computed");
        };
        RoutePlan plan = planLater(table(RouteDecider.Mode.BLOCKING, blocking, 1000));
        assertEquals("test: computed", plan.reason());
        assertFalse(onLoop.get(), "ran on " + thread.get());
        assertTrue(thread.get().startsWith("switchboard-routing"), thread.get());
    }

    @Test
    void aFullWorkerQueueRejectsAtOnceAndTheFallbackDecides() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        Router stuck = r -> {
            busy.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RoutingDecision.of(List.of("smart"), "slow");
        };
        RoutingTable t = table(RouteDecider.Mode.BLOCKING, stuck, 5000);
        RoutingSession s = session((r, chain) -> Future.failedFuture("unused"));
        Promise<RoutePlan> first = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> planner.planLater(t, request(), Map.of(), false, null, s).onComplete(first));
        assertTrue(busy.await(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        RoutePlan rejected = planLater(t);       // the one thread is busy and the queue holds 0
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFellBack(rejected, "rejected");
        assertTrue(ms < 1000, "rejected at once, not after the 5 s timeout: " + ms + " ms");
        release.countDown();
        assertEquals("test: slow", get(first.future()).reason());
    }

    @Test
    void aPureRouterKeepsTheSynchronousPathAndFallsBackWhenItThrows() {
        RoutingTable ok = table(RouteDecider.Mode.PURE, r -> RoutingDecision.of(List.of("smart"), "quick"), 1000);
        RoutePlan plan = planner.plan(ok, request(), Map.of(), false, null);
        assertEquals("test: quick", plan.reason());
        assertNull(plan.routing(), "no routing ledger for a pure router that decided");

        RoutingTable throwing = table(RouteDecider.Mode.PURE, r -> {
            throw new IllegalArgumentException("bad state");
        }, 1000);
        RoutePlan fell = planner.plan(throwing, request(), Map.of(), false, null);
        assertNotNull(fell);
        assertFellBack(fell, "failed");
    }

    @Test
    void routingCallsAreCostedApartAndARouteCannotAskItself() throws Exception {
        AtomicReference<Throwable> recursion = new AtomicReference<>();
        AsyncRouter classifier = (r, services) -> services.complete("auto", r.request())
                .onFailure(recursion::set)
                .recover(e -> services.complete("cheap", r.request()))
                .map(answer -> RoutingDecision.of(List.of(answer.choices().get(0).content().trim()), "asked"));
        RoutingTable t = table(RouteDecider.Mode.ASYNC, classifier, 2000);
        AtomicReference<List<String>> asked = new AtomicReference<>();
        RoutingSession s = session((req, chain) -> {
            asked.set(chain);
            assertEquals("cheap", req.model());
            assertFalse(req.stream());
            ChatResponse resp = new ChatResponse("x", "cheap", 0, List.of(ChatResponse.Choice.text(0, " smart ", "stop")), null, null);
            return Future.succeededFuture(new RoutingCalls.Answer(resp, dev.switchboard.spi.chat.Usage.of(100, 2), 0.25));
        });
        RoutePlan plan = onLoop(() -> planner.planLater(t, request(), Map.of(), false, null, s));
        assertEquals("smart", plan.candidates().get(0).id());
        assertEquals(List.of("auto"), asked.get());
        assertTrue(String.valueOf(recursion.get()).contains("already deciding"), String.valueOf(recursion.get()));
        RoutingReport report = plan.routing().report();
        assertEquals(1, report.calls());
        assertEquals(100, report.inputTokens());
        assertEquals(2, report.outputTokens());
        assertEquals(0.25, report.costUsd(), 1e-12);
    }
}
