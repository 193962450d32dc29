package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.cost.Pricing;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One streaming request. Chunks are held back until the first one with content: a failure or a
 * first-token timeout before that falls back like a non-streaming call, unseen by the client.
 * After it, an upstream failure or a stall ends the stream through {@link StreamSink#fail}.
 *
 * <p>Quality escalation: a route whose {@code escalation} lists {@code empty} holds a chunk that only
 * finishes (no text, no tool call) too, so a stream that ends without any content has sent nothing
 * and re-asks a later candidate ({@link FallbackExecutor.Run#escalate}: by {@code to}, the first stronger or the next); the other signals need
 * the content, which a stream has sent by the time they could be judged.
 *
 * <p>Flow control ({@link StreamPacer}): after each upstream read, a sink that says it is full
 * pauses the upstream response until it drains, and a paused stream is never taken for an
 * upstream stall. The first-token timeout is unaffected: nothing reaches the client before the
 * first content chunk, so nothing can be paused before it.
 */
public final class StreamRun extends FallbackExecutor.Run implements StreamHandle {
    /** Chunks without content held before the first content chunk; more is not a chat stream. */
    static final int MAX_PENDING = 256;

    private final FallbackExecutor executor;
    private final StreamSink sink;
    private final StreamOperation op;
    private final Promise<Void> started = Promise.promise();
    private final Promise<Usage> finished = Promise.promise();
    private Current current;
    private boolean committed;
    private Usage lastUsage;
    private ModelDescriptor served;
    private long firstTokenAt;
    private long charsSent;
    /** The last attempt whose stream ended empty and was escalated from: served if every later candidate fails. */
    private Current heldEmpty;
    private int heldEmptyAttempt;

    StreamRun(FallbackExecutor executor, ProviderTable table, ChatRequest request, AttemptPlan plan, StreamSink sink, StreamOperation op) {
        super(table, request, plan, executor);
        this.executor = executor;
        this.sink = sink;
        this.op = op;
    }

    @Override
    public Future<Void> started() {
        return started.future();
    }

    @Override
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

    /** Characters of text and tool-call arguments sent to the client so far (for estimates when no usage came). */
    public long charsSent() {
        return charsSent;
    }

    /** The client went away: abort the upstream call and end the run as cancelled. */
    public void cancel() {
        cancel("the client went away");
    }

    @Override
    void cancel(String reason) {
        super.cancel(reason);
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
        boolean wire = op.wire();
        breakers.run(model().id(), () -> {
            inFlight = model();
            current = new Current(model(), provider(), firstToken, s, wire);
            current.open(upstream);
            return current.outcome.future();
        }).onFailure(t -> {
            if (!cancelled) {
                onAttemptFailed(t, false, vertx());
            }
        });
    }

    /**
     * Fails the run, unless an empty answer escalated from is held: every candidate after it
     * failed, so the client gets that (empty) stream, marked, rather than an error.
     */
    @Override
    void failRun(Throwable t) {
        Current empty = heldEmpty;
        if (empty != null && !cancelled) {
            heldEmpty = null;
            empty.serveEmpty();
            return;
        }
        started.tryFail(t);
        finished.tryFail(t);
    }

    @Override
    boolean ended() {
        return finished.future().isComplete();
    }

    @Override
    void stopCall() {
        if (current != null) {
            current.abort();
        }
    }

    @Override
    ModelDescriptor cancelledModel() {
        return served;
    }

    private Vertx vertx() {
        return executor.vertx();
    }

    /**
     * One attempt's stream; events of an abandoned attempt are ignored. After the first content
     * chunk an OpenAI-shaped stream going to an OpenAI SSE sink switches to the cheap path
     * ({@link OpenAiSseForwarder}) at the first event boundary.
     */
    private final class Current implements OpenAiSseForwarder.Target {
        private final ModelDescriptor model;
        private final ProviderRuntime provider;
        private final UpstreamCall call = new UpstreamCall();
        private final List<ChatChunk> pending = new ArrayList<>();
        /** Forwarded in the client's wire API: bytes go to the sink as they came, chunks only count usage. */
        private final boolean wire;
        private final List<Buffer> pendingBytes;
        private final Promise<Void> outcome = Promise.promise();
        private final ResilienceSettings s;
        private final StreamPacer pacer;
        private HttpClientResponse response;
        private StreamDecoder decoder;
        private OpenAiSseForwarder forwarder;
        /** The decoder's output, one consumer for the whole stream rather than a method reference per read. */
        private final Consumer<ChatChunk> chunks = this::onChunk;
        private final long firstTokenTimer;
        private boolean done;
        private boolean timedOut;
        /** Only text or a tool call starts the stream: an answer that just finishes may yet be escalated from as empty. */
        private final boolean holdsEmpty = judge != null && judge.escalatesEmptyStreams();
        private PoorAnswer poor;

        Current(ModelDescriptor model, ProviderRuntime provider, long firstTokenMs, ResilienceSettings s, boolean wire) {
            this.model = model;
            this.wire = wire;
            this.pendingBytes = wire ? new ArrayList<>() : List.of();
            this.provider = provider;
            this.s = s;
            this.firstTokenTimer = vertx().setTimer(firstTokenMs, id -> timeout());
            this.pacer = new StreamPacer(vertx(), s.streamStallTimeoutMs(), () -> fail(new ProviderException(ErrorKind.TIMEOUT,
                    "provider '" + provider.id() + "' stalled: no data for " + s.streamStallTimeoutMs() + " ms")));
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
            if (done) {
                return;
            }
            response = resp;
            decoder = op.decoder(provider.adapter(), model);
            if (!wire && sink.takesOpenAiSse() && decoder.passThroughReady()) {
                // from the first byte: events up to the first content chunk go to the decoder one by
                // one, the rest of the same read is forwarded as it came (the upstream may send it all at once)
                forwarder = new OpenAiSseForwarder(this);
            }
            resp.exceptionHandler(this::fail);
            resp.handler(this::onRead);
            resp.endHandler(v -> onEnd());
        }

        /** One network read: decoded or forwarded; what the sink writes meanwhile goes out in one write. */
        private void onRead(Buffer buf) {
            if (done) {
                return;
            }
            sink.readStarted();
            try {
                if (wire) {
                    if (committed) {
                        sink.wire(buf);
                    } else {
                        pendingBytes.add(buf);
                    }
                    decoder.feed(buf, chunks);
                } else if (forwarder != null) {
                    forwarder.feed(buf);
                } else {
                    decoder.feed(buf, chunks);
                }
            } catch (RuntimeException e) {
                fail(e);
                return;
            } finally {
                sink.readEnded();
            }
            if (committed && !done) {
                pacer.afterRead(sink);
            }
        }

        private void onEnd() {
            if (done) {
                return;
            }
            sink.readStarted();
            try {
                if (forwarder != null) {
                    forwarder.end();
                }
                decoder.end(chunks);
                complete();
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                sink.readEnded();
            }
        }

        @Override
        public void forward(Buffer events, long chars) {
            pacer.data();
            charsSent += chars;
            sink.raw(events);
        }

        @Override
        public boolean forwarding() {
            return committed;
        }

        @Override
        public boolean special(Buffer event) {
            decoder.feed(event, chunks);
            return !done && !decoder.done();
        }

        @Override
        public void giveUp(Buffer rest) {
            forwarder = null;
            decoder.feed(rest, chunks);
        }

        private void onChunk(ChatChunk chunk) {
            if (done) {
                return;
            }
            if (committed) {
                pacer.data();
                deliver(chunk);
                return;
            }
            pending.add(chunk);
            if (holdsEmpty ? PoorStreams.hasText(chunk) : chunk.hasContent()) {
                commit(new Attempt(model.id(), "ok", 200, System.currentTimeMillis() - attemptStart), true);
            } else if (pending.size() > MAX_PENDING) {
                fail(new ProviderException(ErrorKind.MALFORMED_RESPONSE, "provider '" + provider.id() + "' sent "
                        + MAX_PENDING + " stream chunks without any content"));
            }
        }

        /**
         * Commits the stream to this attempt, recorded as {@code served} (null: already among the
         * attempts); {@code reading}: the upstream is still sending.
         */
        private void commit(Attempt served, boolean reading) {
            committed = true;
            StreamRun.this.served = model;
            inFlight = null;
            firstTokenAt = System.currentTimeMillis();
            if (served != null) {
                attempts.add(served);
                trace.attemptServing(served);
            }
            sink.start(model, List.copyOf(attempts));
            started.tryComplete();
            outcome.tryComplete();
            vertx().cancelTimer(firstTokenTimer);
            if (reading) {
                pacer.start(response);
            }
            if (wire) {
                pendingBytes.forEach(sink::wire);
                pendingBytes.clear();
            }
            pending.forEach(this::deliver);
            pending.clear();
        }

        private void deliver(ChatChunk chunk) {
            for (ChatChunk.Delta d : chunk.choices()) {
                charsSent += d.content() == null ? 0 : d.content().length();
                for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                    charsSent += t.arguments() == null ? 0 : t.arguments().length();
                }
            }
            if (chunk.usage() == null) {
                if (!wire) {
                    sink.chunk(chunk);
                }
                return;
            }
            lastUsage = chunk.usage().withCost(Pricing.cost(model, chunk.usage()));
            if (wire) {
                return;
            }
            if (request.includeUsage()) {
                sink.chunk(chunk.withUsage(lastUsage));
            } else if (!chunk.choices().isEmpty()) {
                sink.chunk(chunk.withUsage(null));
            }
        }

        private void timeout() {
            if (!done && !committed) {
                timedOut = true;
                fail(new ProviderException(ErrorKind.TIMEOUT, "provider '" + provider.id() + "' sent no content within "
                        + s.firstTokenTimeoutMs() + " ms"));
            }
        }

        private void complete() {
            if (!committed && !holdsEmpty) {
                fail(new ProviderException(ErrorKind.MALFORMED_RESPONSE, "provider '" + provider.id() + "' ended the stream without content"));
                return;
            }
            if (!committed && endedEmpty()) {
                return;
            }
            finish();
        }

        /**
         * The stream ended with nothing sent and no content: a poor answer ({@code empty}), not a
         * failure (the breaker counts a success). Escalates, or commits the empty stream as it is.
         *
         * @return whether it escalated
         */
        private boolean endedEmpty() {
            done = true;
            vertx().cancelTimer(firstTokenTimer);
            inFlight = null;
            outcome.tryComplete();
            poor = PoorStreams.empty(model, pending);
            Current before = heldEmpty;
            heldEmpty = this;   // before escalate(): the next attempt may fail at once
            heldEmptyAttempt = attempts.size();
            if (escalate(poor)) {
                return true;
            }
            heldEmpty = before;
            commit(Attempt.poor(model.id(), System.currentTimeMillis() - attemptStart, poor.served()), false);
            return false;
        }

        /** Serves this attempt's empty stream after all: every candidate escalated to failed. */
        void serveEmpty() {
            attempts.set(heldEmptyAttempt, attempts.get(heldEmptyAttempt).servedAsIs());
            commit(null, false);
            finish();
        }

        private void finish() {
            done = true;
            vertx().cancelTimer(firstTokenTimer);
            pacer.stop();
            sink.end(lastUsage);
            finished.tryComplete(lastUsage);
        }

        private void fail(Throwable t) {
            if (done) {
                return;
            }
            stop();
            if (cancelled) {
                outcome.tryFail(FallbackExecutor.GONE); // not the upstream's fault: no breaker counts it
                return;
            }
            // a ProviderException keeps its own message (e.g. the first-token timeout's) but is redacted there too
            ProviderException e = asProviderError(t, timedOut && !(t instanceof ProviderException));
            if (committed) {
                breakers.recordLateFailure(model.id(), e);
                sink.fail(ErrorMapper.fromProvider(e, provider.id(), null));
                finished.tryFail(e);
            } else {
                outcome.tryFail(e); // the breaker records it; the run moves on from attempt()'s handler
            }
        }

        /** Stops for a departed client: the breaker's attempt ends too, uncounted. */
        void abort() {
            stop();
            outcome.tryFail(FallbackExecutor.GONE);
        }

        void stop() {
            done = true;
            vertx().cancelTimer(firstTokenTimer);
            pacer.stop();
            call.cancel();
        }
    }
}
