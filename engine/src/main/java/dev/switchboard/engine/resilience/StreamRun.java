package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.pipeline.Pricing;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.engine.upstream.UpstreamCall;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming request. Chunks are held back until the first one with content: a failure or a
 * first-token timeout before that falls back like a non-streaming call, unseen by the client.
 * After it, an upstream failure or a stall ends the stream through {@link StreamSink#fail}.
 */
public final class StreamRun extends FallbackExecutor.Run {
    private final FallbackExecutor executor;
    private final StreamSink sink;
    private final StreamOperation op;
    private final Promise<Void> started = Promise.promise();
    private final Promise<Usage> finished = Promise.promise();
    private Current current;
    private boolean committed;
    private boolean cancelled;
    private Usage lastUsage;
    private ModelDescriptor served;
    private long firstTokenAt;

    StreamRun(FallbackExecutor executor, RoutingTable table, ChatRequest request, RoutePlan plan, StreamSink sink, StreamOperation op) {
        super(table, request, plan, executor);
        this.executor = executor;
        this.sink = sink;
        this.op = op;
    }

    /** Completes when the stream is committed to a model; fails (nothing sent) when none could start. */
    public Future<Void> started() {
        return started.future();
    }

    /** Completes with the final usage when the stream ended normally; fails when it broke. */
    public Future<Usage> finished() {
        return finished.future();
    }

    /** The model the stream committed to, or null. */
    public ModelDescriptor servedModel() {
        return served;
    }

    /** Epoch millis of the first content chunk, or 0. */
    public long firstTokenAt() {
        return firstTokenAt;
    }

    /** The attempts so far. */
    public List<Attempt> attemptsSnapshot() {
        return List.copyOf(attempts);
    }

    /** The last usage seen (cost included), or null. */
    public Usage lastUsage() {
        return lastUsage;
    }

    /** The client went away: abort the upstream call. */
    public void cancel() {
        cancelled = true;
        if (current != null) {
            current.stop();
        }
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
        ResilienceSettings s = attemptSettings();
        long firstToken = Math.min(s.firstTokenTimeoutMs(), remaining());
        if (firstToken <= 0) {
            onFailure(asProviderError(null, true), vertx());
            return;
        }
        breakers.run(model().id(), () -> {
            current = new Current(model(), provider(), firstToken, s);
            current.open(upstream);
            return current.outcome.future();
        }).onFailure(t -> {
            if (!cancelled) {
                onAttemptFailed(t, false, vertx());
            }
        });
    }

    @Override
    void failRun(Throwable t) {
        started.tryFail(t);
        finished.tryFail(t);
    }

    private Vertx vertx() {
        return executor.vertx();
    }

    /** One attempt's stream; events of an abandoned attempt are ignored. */
    private final class Current {
        private final ModelDescriptor model;
        private final ProviderRuntime provider;
        private final UpstreamCall call = new UpstreamCall();
        private final List<ChatChunk> pending = new ArrayList<>();
        private final Promise<Void> outcome = Promise.promise();
        private final ResilienceSettings s;
        private long timer;
        private boolean done;
        private boolean timedOut;

        Current(ModelDescriptor model, ProviderRuntime provider, long firstTokenMs, ResilienceSettings s) {
            this.model = model;
            this.provider = provider;
            this.s = s;
            this.timer = vertx().setTimer(firstTokenMs, id -> timeout());
        }

        void open(UpstreamRequest upstream) {
            executor.client().send(provider, upstream, s.firstTokenTimeoutMs(), call).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ar.cause());
                } else {
                    read(ar.result());
                }
            });
        }

        private void read(HttpClientResponse resp) {
            StreamDecoder decoder = op.decoder(provider.adapter(), model);
            resp.exceptionHandler(this::fail);
            resp.handler(buf -> {
                if (done) {
                    return;
                }
                try {
                    decoder.feed(buf, this::onChunk);
                } catch (RuntimeException e) {
                    fail(e);
                }
            });
            resp.endHandler(v -> {
                if (done) {
                    return;
                }
                try {
                    decoder.end(this::onChunk);
                    complete();
                } catch (RuntimeException e) {
                    fail(e);
                }
            });
        }

        private void onChunk(ChatChunk chunk) {
            if (done) {
                return;
            }
            if (committed) {
                deliver(chunk);
                armStallTimer();
                return;
            }
            pending.add(chunk);
            if (chunk.hasContent()) {
                commit();
            }
        }

        private void commit() {
            committed = true;
            served = model;
            firstTokenAt = System.currentTimeMillis();
            attempts.add(new Attempt(model.id(), "ok", 200, System.currentTimeMillis() - attemptStart));
            sink.start(model, List.copyOf(attempts));
            started.tryComplete();
            outcome.tryComplete();
            pending.forEach(this::deliver);
            pending.clear();
            armStallTimer();
        }

        private void deliver(ChatChunk chunk) {
            if (chunk.usage() == null) {
                sink.chunk(chunk);
                return;
            }
            lastUsage = chunk.usage().withCost(Pricing.cost(model, chunk.usage()));
            if (request.includeUsage()) {
                sink.chunk(chunk.withUsage(lastUsage));
            } else if (!chunk.choices().isEmpty()) {
                sink.chunk(chunk.withUsage(null));
            }
        }

        private void armStallTimer() {
            vertx().cancelTimer(timer);
            timer = vertx().setTimer(s.streamStallTimeoutMs(), id -> stall());
        }

        private void timeout() {
            if (!done && !committed) {
                timedOut = true;
                fail(new ProviderException(ErrorKind.TIMEOUT, "provider '" + provider.id() + "' sent no content within "
                        + s.firstTokenTimeoutMs() + " ms"));
            }
        }

        private void stall() {
            if (!done) {
                fail(new ProviderException(ErrorKind.TIMEOUT, "provider '" + provider.id() + "' stalled: no data for "
                        + s.streamStallTimeoutMs() + " ms"));
            }
        }

        private void complete() {
            if (!committed) {
                fail(new ProviderException(ErrorKind.MALFORMED_RESPONSE, "provider '" + provider.id() + "' ended the stream without content"));
                return;
            }
            done = true;
            vertx().cancelTimer(timer);
            sink.end(lastUsage);
            finished.tryComplete(lastUsage);
        }

        private void fail(Throwable t) {
            if (done) {
                return;
            }
            stop();
            ProviderException e = t instanceof ProviderException ? (ProviderException) t : asProviderError(t, timedOut);
            if (cancelled) {
                outcome.tryFail(e);
                finished.tryFail(e);
                return;
            }
            if (committed) {
                sink.fail(ErrorMapper.fromProvider(e, provider.id(), null));
                finished.tryFail(e);
            } else {
                outcome.tryFail(e); // the breaker records it; the run moves on from attempt()'s handler
            }
        }

        void stop() {
            done = true;
            vertx().cancelTimer(timer);
            call.cancel();
        }
    }
}
