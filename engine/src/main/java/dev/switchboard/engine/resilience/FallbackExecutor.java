package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.quality.EscalationTarget;
import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.engine.upstream.UpstreamClient;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The attempt loop: starts at the plan's primary and walks its candidates. Transient failures are
 * retried (backoff with full jitter, Retry-After honoured up to a cap) and then fall back to the
 * next candidate; other failures are answered at once; when every candidate failed the client gets
 * the primary's error with every attempt listed.
 */
public final class FallbackExecutor {
    private static final Logger LOG = Logger.getLogger(FallbackExecutor.class.getName());

    /** What a call aborted for a departed client fails with: not a provider error, so no breaker counts it. */
    static final ClientCancelledException GONE = new ClientCancelledException("the client went away", null, List.of());

    private final Vertx vertx;
    private final UpstreamClient client;
    private final ResilienceResolver settings;
    private final BreakerRegistry breakers;

    public FallbackExecutor(Vertx vertx, UpstreamClient client, ResilienceResolver settings, BreakerRegistry breakers) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.breakers = breakers;
    }

    /**
     * Serves a non-streaming request; {@code cancellation} stops it (and its upstream call) when
     * the client goes away: the future then fails with {@link ClientCancelledException}. A model
     * whose adapter speaks {@code nativeRequest}'s wire API natively gets it as it is, and the
     * {@link Served#wire() upstream's bytes} come back beside the decoded response.
     *
     * @param nativeRequest the client's request in its own API, or null
     */
    public Future<Served<ChatResponse>> complete(ProviderTable table, ChatRequest request, NativeRequest nativeRequest, AttemptPlan plan,
                                                 Cancellation cancellation) {
        return call(table, request, plan, new ChatOperation(request, nativeRequest), cancellation);
    }

    /**
     * Makes a non-streaming call of any kind along the plan, with the same retries, fallbacks,
     * breakers, timeouts and client-gone cancellation as chat.
     *
     * @param request      the request as the planner and routers saw it
     * @param op           how the call is built and its answer read
     * @param cancellation stops the run (and its upstream call) when the client goes away
     */
    public <T> Future<Served<T>> call(ProviderTable table, ChatRequest request, AttemptPlan plan, UpstreamOperation<T> op,
                                      Cancellation cancellation) {
        return call(table, request, plan, op, cancellation, AttemptTrace.NONE);
    }

    /** As {@link #call(ProviderTable, ChatRequest, AttemptPlan, UpstreamOperation, Cancellation)}, each attempt told to {@code trace}. */
    public <T> Future<Served<T>> call(ProviderTable table, ChatRequest request, AttemptPlan plan, UpstreamOperation<T> op,
                                      Cancellation cancellation, AttemptTrace trace) {
        Promise<Served<T>> promise = Promise.promise();
        CompleteRun<T> run = new CompleteRun<>(this, table, request, plan, op, promise);
        run.trace = trace;
        cancellation.onCancel(() -> run.cancel(cancellation.reason()));
        run.attempt();
        return promise.future();
    }

    /**
     * Serves a streaming request into {@code sink}. The future completes when the stream is
     * committed to a model (first content chunk sent) and fails, with nothing sent, when no
     * candidate could start.
     */
    public StreamRun stream(ProviderTable table, ChatRequest request, AttemptPlan plan, StreamSink sink) {
        return stream(table, request, null, plan, sink);
    }

    /**
     * As {@link #stream(ProviderTable, ChatRequest, AttemptPlan, StreamSink)}; a model whose adapter
     * speaks {@code nativeRequest}'s API natively gets it as it is, and its stream reaches the
     * sink as bytes ({@link StreamSink#wire}) instead of chunks.
     *
     * @param nativeRequest the client's request in its own API, or null
     */
    public StreamRun stream(ProviderTable table, ChatRequest request, NativeRequest nativeRequest, AttemptPlan plan, StreamSink sink) {
        return stream(table, request, plan, sink, new ChatOperation(request, nativeRequest));
    }

    /**
     * As {@link #stream(ProviderTable, ChatRequest, AttemptPlan, StreamSink)}, for any kind of
     * streaming call; the sink's {@link StreamSink#goneHandler client-gone signal} cancels it.
     */
    public StreamRun stream(ProviderTable table, ChatRequest request, AttemptPlan plan, StreamSink sink, StreamOperation op) {
        return stream(table, request, plan, sink, op, AttemptTrace.NONE);
    }

    /** As {@link #stream(ProviderTable, ChatRequest, AttemptPlan, StreamSink, StreamOperation)}, each attempt told to {@code trace}. */
    public StreamRun stream(ProviderTable table, ChatRequest request, AttemptPlan plan, StreamSink sink, StreamOperation op,
                            AttemptTrace trace) {
        StreamRun run = new StreamRun(this, table, request, plan, sink, op);
        run.trace = trace;
        sink.goneHandler(() -> run.cancel("the client went away"));
        run.attempt();
        return run;
    }

    Vertx vertx() {
        return vertx;
    }

    ResilienceResolver resolver() {
        return settings;
    }

    BreakerRegistry breakers() {
        return breakers;
    }

    UpstreamClient client() {
        return client;
    }

    /** State shared by both kinds of run: the candidate walk, attempts and the final error. */
    abstract static class Run {
        final ProviderTable table;
        final ChatRequest request;
        final List<ModelDescriptor> candidates;
        final String route;
        final ResilienceResolver resolver;
        final BreakerRegistry breakers;
        final ResilienceSettings settings;
        final long deadline;
        final List<Attempt> attempts = new ArrayList<>();
        /** Candidates the planner passed over (breaker open, capability, budget), in route order. */
        final List<Rejection> skips;
        int skipsListed;
        int index;
        int retries;
        long attemptStart;
        ProviderException primaryError;
        /** The client is gone: no attempt, retry or fallback starts any more. */
        boolean cancelled;
        /** The model whose upstream call is in flight, or null between attempts. */
        ModelDescriptor inFlight;
        /** Told when each attempt starts and ends ({@link AttemptTrace#NONE} when tracing is off). */
        AttemptTrace trace = AttemptTrace.NONE;
        /** The route's judge of poor answers, or null: the route has no escalation, or a model was named. */
        final PoorResult judge;
        int escalations;

        Run(ProviderTable table, ChatRequest request, AttemptPlan plan, FallbackExecutor executor) {
            this.table = table;
            this.request = request;
            this.candidates = plan.candidates();
            this.route = plan.route();
            this.skips = plan.rejected();
            this.resolver = executor.resolver();
            this.breakers = executor.breakers();
            this.settings = resolver.settings(route, null);
            this.deadline = System.currentTimeMillis() + settings.requestTimeoutMs();
            this.judge = table.escalation(route);
        }

        /**
         * The current model's answer showed {@code poor}: records it and re-asks a later candidate
         * ({@link EscalationTarget}: the first stronger one, or the next) when the route allows
         * another escalation, a candidate is left and the deadline has not passed. Candidates
         * passed over on the way are not attempts. The answer is not a failure: its breaker counted
         * a success, and no retry follows.
         *
         * @return whether it escalated; false when the answer is to be served as it is
         */
        boolean escalate(PoorAnswer poor) {
            int target = escalations < judge.policy().maxEscalations() && remaining() > 0
                    ? EscalationTarget.after(candidates, index, judge.policy().to()) : -1;
            if (target < 0) {
                return false;
            }
            escalations++;
            ended(Attempt.poor(model().id(), System.currentTimeMillis() - attemptStart, poor));
            index = target;
            retries = 0;
            attempt();
            return true;
        }

        /** The settings for attempts on the current model (route and model overrides applied). */
        ResilienceSettings attemptSettings() {
            return resolver.settings(route, model().id());
        }

        /**
         * Handles the end of one attempt: an open breaker skips the model, any other failure goes
         * through {@link #onFailure}.
         */
        void onAttemptFailed(Throwable t, boolean timedOut, Vertx vertx) {
            if (t instanceof io.vertx.circuitbreaker.OpenCircuitException) {
                ended(Attempt.skip(model().id(), Attempt.BREAKER_OPEN));
                if (index + 1 < candidates.size()) {
                    index++;
                    retries = 0;
                    attempt();
                } else {
                    listSkipsBefore(candidates.size());
                    failRun(primaryError != null ? finalError(primaryError) : allOpen());
                }
                return;
            }
            onFailure(asProviderError(t, timedOut), vertx);
        }

        /** 503 when every candidate's breaker is open, with the earliest reopening as Retry-After. */
        ApiException allOpen() {
            long now = System.currentTimeMillis();
            long earliest = candidates.stream().mapToLong(m -> breakers.reopensAt(m.id())).filter(t -> t > now).min().orElse(now + 1000);
            return new AttemptsFailedException(new ApiException(503, "server_error", "all_candidates_open", null,
                    "every candidate model is unavailable (circuit breaker open): " + candidates.stream().map(ModelDescriptor::id)
                            .collect(java.util.stream.Collectors.joining(", ")), null, java.time.Duration.ofMillis(earliest - now)), attempts);
        }

        ModelDescriptor model() {
            return candidates.get(index);
        }

        ProviderRuntime provider() {
            return table.providers().get(model().provider());
        }

        long remaining() {
            return deadline - System.currentTimeMillis();
        }

        /** Builds the upstream call, or null after failing the run with the client's mistake. */
        UpstreamRequest build(BiFunction<ProviderAdapter, ModelDescriptor, UpstreamRequest> op) {
            listSkipsBefore(index);
            attemptStart = System.currentTimeMillis();
            try {
                return trace.attemptStarted(model(), provider().type(), op.apply(provider().adapter(), model()));
            } catch (InvalidRequestException e) {
                failRun(e);
                return null;
            }
        }

        /** Records a failed attempt and retries, moves on or fails the run. */
        void onFailure(ProviderException e, Vertx vertx) {
            inFlight = null;
            if (cancelled) {
                return;
            }
            ModelDescriptor m = model();
            ended(new Attempt(m.id(), e.kind().name().toLowerCase(Locale.ROOT), e.status(),
                    System.currentTimeMillis() - attemptStart));
            if (primaryError == null) {
                primaryError = e;
            }
            LOG.fine(() -> "attempt on " + m.id() + " failed: " + e.kind() + " " + e.getMessage());
            RetryDecision d = RetryDecision.decide(e, candidates, index, retries, attemptSettings(), remaining());
            switch (d.action()) {
                case RETRY -> {
                    retries++;
                    if (d.delayMs() <= 0) {
                        attempt();
                    } else {
                        vertx.setTimer(d.delayMs(), id -> attempt());
                    }
                }
                case NEXT -> {
                    index = d.next();
                    retries = 0;
                    attempt();
                }
                default -> failRun(finalError(e));
            }
        }

        /**
         * Lists, as attempts, the candidates the planner passed over that stood before candidate
         * {@code next} (all of them for {@code candidates.size()}): only those the run got as far as
         * were given up on; one behind the model that serves never mattered.
         */
        void listSkipsBefore(int next) {
            while (skipsListed < skips.size() && skips.get(skipsListed).position() <= next) {
                attempts.add(skips.get(skipsListed++).attempt());
            }
        }

        /** Records the end of the attempt in flight: in the attempt list and to the trace. */
        void ended(Attempt attempt) {
            attempts.add(attempt);
            trace.attemptEnded(attempt);
        }

        /** The client's error: the failing error when it is not transient, else the primary's; attempts listed. */
        ApiException finalError(ProviderException last) {
            boolean exhausted = last.kind().isTransient() || last.kind() == ErrorKind.CONTEXT_LENGTH;
            if (exhausted) {
                listSkipsBefore(candidates.size());   // the run went past every candidate
            }
            ProviderException shown = exhausted && primaryError != null ? primaryError : last;
            String provider = exhausted ? candidates.get(0).provider() : model().provider();
            JsonArray list = new JsonArray();
            attempts.forEach(a -> list.add(a.toJson()));
            return new AttemptsFailedException(ErrorMapper.fromProvider(shown, provider, new JsonObject().put("attempts", list)), attempts);
        }

        /**
         * Maps anything an attempt threw to a provider error: the one place upstream text (an
         * error body, a stream's error event, a transport message) enters the run, so it is
         * redacted here, before any log, record or client sees it.
         */
        ProviderException asProviderError(Throwable t, boolean timedOut) {
            if (timedOut) {
                return new ProviderException(ErrorKind.TIMEOUT, "provider '" + provider().id() + "' did not answer in time");
            }
            SecretRedactor redactor = table.redactor();
            if (t instanceof ProviderException) {
                return redactor.redact((ProviderException) t);
            }
            if (t instanceof RuntimeException && !(t instanceof io.vertx.core.VertxException)) {
                String what = redactor.redact(t.toString());
                RuntimeException logged = new RuntimeException(what);
                logged.setStackTrace(t.getStackTrace()); // the stack without the (upstream-derived) message
                LOG.log(Level.WARNING, "adapter '" + provider().type() + "' failed on a response", logged);
                return new ProviderException(ErrorKind.MALFORMED_RESPONSE, "provider '" + provider().id()
                        + "' sent a response its adapter could not read: " + what);
            }
            return redactor.redact(UpstreamClient.transportError(provider(), "", t));
        }

        /**
         * The client went away: stops the call in flight, starts no other and fails the run with
         * {@link ClientCancelledException}. Does nothing once the run has ended.
         */
        void cancel(String reason) {
            if (cancelled || ended()) {
                return;
            }
            cancelled = true;
            ModelDescriptor m = inFlight;
            if (m != null) {
                ended(new Attempt(m.id(), ClientCancelledException.CODE, ClientCancelledException.STATUS,
                        System.currentTimeMillis() - attemptStart));
            }
            stopCall();
            failRun(new ClientCancelledException(reason, m != null ? m : cancelledModel(), attempts));
        }

        /** The model a cancelled run is charged to when no call is in flight (a stream's served model), or null. */
        ModelDescriptor cancelledModel() {
            return null;
        }

        abstract void attempt();

        abstract void failRun(Throwable t);

        /** Whether the run has already ended (answered, failed or cancelled). */
        abstract boolean ended();

        /** Aborts the upstream call in flight, if any. */
        abstract void stopCall();
    }
}
