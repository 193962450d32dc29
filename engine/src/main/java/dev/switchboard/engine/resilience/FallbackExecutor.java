package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.engine.upstream.UpstreamCall;
import dev.switchboard.engine.upstream.UpstreamClient;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
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

    /** Serves a non-streaming request. */
    public Future<Served<ChatResponse>> complete(RoutingTable table, ChatRequest request, RoutePlan plan) {
        return call(table, request, plan, chat(request));
    }

    /**
     * Makes a non-streaming call of any kind along the plan, with the same retries, fallbacks,
     * breakers and timeouts as chat.
     *
     * @param request the request as the planner and routers saw it
     * @param op      how the call is built and its answer read
     */
    public <T> Future<Served<T>> call(RoutingTable table, ChatRequest request, RoutePlan plan, UpstreamOperation<T> op) {
        Promise<Served<T>> promise = Promise.promise();
        new CompleteRun<>(table, request, plan, op, promise).attempt();
        return promise.future();
    }

    /** The chat completions call for a request. */
    public static UpstreamOperation<ChatResponse> chat(ChatRequest request) {
        return new UpstreamOperation<>() {
            @Override
            public UpstreamRequest build(dev.switchboard.spi.provider.ProviderAdapter adapter, ModelDescriptor model) {
                return adapter.buildRequest(request, model);
            }

            @Override
            public ChatResponse decode(dev.switchboard.spi.provider.ProviderAdapter adapter, io.vertx.core.buffer.Buffer body,
                                       ModelDescriptor model) {
                return adapter.decodeResponse(body, model);
            }
        };
    }

    /**
     * Serves a streaming request into {@code sink}. The future completes when the stream is
     * committed to a model (first content chunk sent) and fails, with nothing sent, when no
     * candidate could start.
     */
    public StreamRun stream(RoutingTable table, ChatRequest request, RoutePlan plan, StreamSink sink) {
        return stream(table, request, plan, sink, StreamOperation.chat(request));
    }

    /** As {@link #stream(RoutingTable, ChatRequest, RoutePlan, StreamSink)}, for any kind of streaming call. */
    public StreamRun stream(RoutingTable table, ChatRequest request, RoutePlan plan, StreamSink sink, StreamOperation op) {
        StreamRun run = new StreamRun(this, table, request, plan, sink, op);
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
        final RoutingTable table;
        final ChatRequest request;
        final List<ModelDescriptor> candidates;
        final String route;
        final ResilienceResolver resolver;
        final BreakerRegistry breakers;
        final ResilienceSettings settings;
        final long deadline;
        final List<Attempt> attempts = new ArrayList<>();
        int index;
        int retries;
        long attemptStart;
        ProviderException primaryError;

        Run(RoutingTable table, ChatRequest request, RoutePlan plan, FallbackExecutor executor) {
            this.table = table;
            this.request = request;
            this.candidates = plan.candidates();
            this.route = plan.route();
            this.resolver = executor.resolver();
            this.breakers = executor.breakers();
            this.settings = resolver.settings(route, null);
            this.deadline = System.currentTimeMillis() + settings.requestTimeoutMs();
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
                attempts.add(new Attempt(model().id(), "circuit_open", 0, 0));
                if (index + 1 < candidates.size()) {
                    index++;
                    retries = 0;
                    attempt();
                } else {
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
        UpstreamRequest build(java.util.function.BiFunction<dev.switchboard.spi.provider.ProviderAdapter, ModelDescriptor, UpstreamRequest> op) {
            attemptStart = System.currentTimeMillis();
            try {
                return op.apply(provider().adapter(), model());
            } catch (InvalidRequestException e) {
                failRun(e);
                return null;
            }
        }

        /** Records a failed attempt and retries, moves on or fails the run. */
        void onFailure(ProviderException e, Vertx vertx) {
            ModelDescriptor m = model();
            attempts.add(new Attempt(m.id(), e.kind().name().toLowerCase(Locale.ROOT), e.status(),
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

        /** The client's error: the failing error when it is not transient, else the primary's; attempts listed. */
        ApiException finalError(ProviderException last) {
            boolean exhausted = last.kind().isTransient() || last.kind() == ErrorKind.CONTEXT_LENGTH;
            ProviderException shown = exhausted && primaryError != null ? primaryError : last;
            String provider = exhausted ? candidates.get(0).provider() : model().provider();
            JsonArray list = new JsonArray();
            attempts.forEach(a -> list.add(a.toJson()));
            return new AttemptsFailedException(ErrorMapper.fromProvider(shown, provider, new JsonObject().put("attempts", list)), attempts);
        }

        /** Maps anything an attempt threw to a provider error. */
        ProviderException asProviderError(Throwable t, boolean timedOut) {
            if (timedOut) {
                return new ProviderException(ErrorKind.TIMEOUT, "provider '" + provider().id() + "' did not answer in time");
            }
            if (t instanceof ProviderException) {
                return (ProviderException) t;
            }
            if (t instanceof RuntimeException && !(t instanceof io.vertx.core.VertxException)) {
                LOG.log(Level.WARNING, "adapter '" + provider().type() + "' failed on a response", t);
                return new ProviderException(ErrorKind.MALFORMED_RESPONSE, "provider '" + provider().id()
                        + "' sent a response its adapter could not read: " + t);
            }
            return UpstreamClient.transportError(provider(), "", t);
        }

        abstract void attempt();

        abstract void failRun(Throwable t);
    }

    private final class CompleteRun<T> extends Run {
        private final UpstreamOperation<T> op;
        private final Promise<Served<T>> promise;

        CompleteRun(RoutingTable table, ChatRequest request, RoutePlan plan, UpstreamOperation<T> op, Promise<Served<T>> promise) {
            super(table, request, plan, FallbackExecutor.this);
            this.op = op;
            this.promise = promise;
        }

        @Override
        void attempt() {
            UpstreamRequest upstream = build(op::build);
            if (upstream == null) {
                return;
            }
            ModelDescriptor m = model();
            ProviderRuntime p = provider();
            long timeout = Math.min(p.timeoutMs() > 0 ? p.timeoutMs() : attemptSettings().requestTimeoutMs(), remaining());
            if (timeout <= 0) {
                onFailure(asProviderError(null, true), vertx);
                return;
            }
            UpstreamCall call = new UpstreamCall();
            breakers.run(m.id(), () -> {
                long timer = vertx.setTimer(timeout, id -> call.cancel());
                return client.send(p, upstream, timeout, call)
                        .compose(resp -> resp.body())
                        .map(body -> op.decode(p.adapter(), body, m))
                        .eventually(() -> {
                            vertx.cancelTimer(timer);
                            return Future.succeededFuture();
                        })
                        .recover(t -> Future.failedFuture(t instanceof io.vertx.circuitbreaker.OpenCircuitException ? t
                                : asProviderError(t, call.cancelled())));
            }).onComplete(ar -> {
                if (ar.succeeded()) {
                    attempts.add(new Attempt(m.id(), "ok", 200, System.currentTimeMillis() - attemptStart));
                    promise.complete(new Served<>(m, ar.result(), List.copyOf(attempts)));
                } else {
                    onAttemptFailed(ar.cause(), call.cancelled(), vertx);
                }
            });
        }

        @Override
        void failRun(Throwable t) {
            promise.fail(t);
        }
    }
}
