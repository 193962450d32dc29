package dev.switchboard.engine.resilience;

import dev.switchboard.engine.cost.Pricing;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.engine.upstream.UpstreamCall;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One non-streaming run: each attempt one upstream call under the model's breaker, cut at the
 * attempt's timeout. An answer that shows a poor-result signal of the route's escalation re-asks
 * a later candidate ({@link FallbackExecutor.Run#escalate}: by {@code to}, the first stronger or the next); when that is not possible, or every
 * candidate after it fails, the poor answer is served as it is, still marked.
 *
 * @param <T> what the 2xx body becomes
 */
final class CompleteRun<T> extends FallbackExecutor.Run {
    private final FallbackExecutor executor;
    private final UpstreamOperation<T> op;
    private final Promise<Served<T>> promise;
    private UpstreamCall current;
    /** The last poor answer escalated from, served if nothing better comes; null until one came. */
    private Served<T> held;
    private int heldAttempt;

    CompleteRun(FallbackExecutor executor, ProviderTable table, ChatRequest request, AttemptPlan plan, UpstreamOperation<T> op,
                Promise<Served<T>> promise) {
        super(table, request, plan, executor);
        this.executor = executor;
        this.op = op;
        this.promise = promise;
    }

    @Override
    void attempt() {
        if (cancelled) {
            return;
        }
        UpstreamRequest upstream = build(op::build);
        if (upstream == null) {
            return;
        }
        Vertx vertx = executor.vertx();
        ModelDescriptor m = model();
        ProviderRuntime p = provider();
        long timeout = Math.min(p.timeoutMs() > 0 ? p.timeoutMs() : attemptSettings().requestTimeoutMs(), remaining());
        if (timeout <= 0) {
            onFailure(asProviderError(null, true), vertx);
            return;
        }
        UpstreamCall call = new UpstreamCall();
        current = call;
        boolean forwarded = op.wire();
        Buffer[] bytes = new Buffer[1];
        breakers.run(m.id(), () -> {
            inFlight = m;
            long timer = vertx.setTimer(timeout, id -> call.cancel());
            return executor.client().send(p, upstream, timeout, call)
                    .compose(resp -> resp.body())
                    .map(body -> {
                        bytes[0] = forwarded ? body : null;
                        return op.decode(p.adapter(), body, m);
                    })
                    .eventually(() -> {
                        vertx.cancelTimer(timer);
                        return Future.succeededFuture();
                    })
                    .recover(t -> Future.failedFuture(t instanceof io.vertx.circuitbreaker.OpenCircuitException ? t
                            : cancelled ? FallbackExecutor.GONE : asProviderError(t, call.cancelled())));
        }).onComplete(ar -> {
            if (cancelled) {
                return;
            }
            inFlight = null;
            if (ar.succeeded()) {
                answered(m, ar.result(), bytes[0]);
            } else {
                onAttemptFailed(ar.cause(), call.cancelled(), vertx);
            }
        });
    }

    /** The model answered (its breaker counted a success): serve the answer, or escalate when it is poor. */
    private void answered(ModelDescriptor m, T value, Buffer wire) {
        long millis = System.currentTimeMillis() - attemptStart;
        String signal = judge == null ? null : op.poorSignal(value, judge);
        if (signal == null) {
            ended(new Attempt(m.id(), "ok", 200, millis));
            promise.tryComplete(new Served<>(m, value, List.copyOf(attempts), wire));
            return;
        }
        Usage usage = op.usage(value);
        Double cost = Pricing.cost(m, usage);
        PoorAnswer poor = new PoorAnswer(signal, m.provider(), usage == null ? null : usage.withCost(cost), cost, true);
        held = new Served<>(m, value, List.of(), wire);
        heldAttempt = attempts.size();
        if (!escalate(poor)) {
            ended(Attempt.poor(m.id(), millis, poor.served()));
            promise.tryComplete(new Served<>(m, value, List.copyOf(attempts), wire));
        }
    }

    /**
     * Fails the run, unless a poor answer is held: every candidate after it failed, so the client
     * gets that answer (marked as served in the attempts) rather than an error.
     */
    @Override
    void failRun(Throwable t) {
        if (held == null || cancelled) {
            promise.tryFail(t);
            return;
        }
        List<Attempt> list = new ArrayList<>(attempts);
        list.set(heldAttempt, list.get(heldAttempt).servedAsIs());
        promise.tryComplete(new Served<>(held.model(), held.value(), List.copyOf(list), held.wire()));
    }

    @Override
    boolean ended() {
        return promise.future().isComplete();
    }

    @Override
    void stopCall() {
        if (current != null) {
            current.cancel();
        }
    }
}
