package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.ClientCancelledException;
import dev.switchboard.spi.provider.ErrorKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code switchboard_fallbacks_total}: every model a request gave up on, counted on that model,
 * with why and where the request went next. A model is given up on at its last attempt when
 * another model was tried after it, or when none served and its failure (a transient error, a skip)
 * was one that moves a request on; the model that served never is.
 */
final class FallbackMetrics {
    static final String NAME = "switchboard.fallbacks";
    static final String HELP = "Models given up on, counted on the model given up on (model), by route and the model tried next "
            + "(to, none when no other was). reason: the upstream error kind in lower case (rate_limited, overloaded, timeout, "
            + "connection, upstream_5xx, ...), breaker_open (skipped: its circuit breaker was open), capability (skipped: it lacks "
            + "a capability or the context window the request needs), credentials (skipped: its provider has no API key) or budget "
            + "(moved behind cheaper models: the key is past its prefer-cheaper-at share of its budget)";

    /** The error kinds that move a request on to the next model, as attempt outcomes. */
    private static final Set<String> TRANSIENT = Arrays.stream(ErrorKind.values()).filter(ErrorKind::isTransient)
            .map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private final MeterCache<Counter> counters;

    FallbackMetrics(MeterRegistry registry) {
        // route, model, to and reason all come from the config or a fixed set of kinds: no cap needed
        counters = MeterCache.unbounded(v -> Counter.builder(NAME).description(HELP)
                .tags("route", v[0], "model", v[1], "to", v[2], "reason", v[3]).register(registry));
    }

    /** Counts the models {@code r} gave up on; nothing to do (and nothing allocated) for a request served at once. */
    void record(RequestRecord r, String route) {
        List<Attempt> attempts = r.attempts();
        int n = attempts.size();
        if (n == 0 || n == 1 && r.model() != null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            Attempt a = attempts.get(i);
            String model = a.model();
            if (model.equals(r.model()) || triedAgain(attempts, i) || ClientCancelledException.CODE.equals(a.outcome())) {
                continue;
            }
            String to = i + 1 < n ? attempts.get(i + 1).model() : MetricsObserver.NONE;
            if (to == MetricsObserver.NONE && !movesOn(a, r)) {
                continue;
            }
            counters.get(route, model, to, a.outcome()).increment();
        }
    }

    /**
     * Whether the last model's failure is one that moves a request on (a skip, a transient error):
     * not when the client left, nor when the request's own error (bad request, auth...) ended it.
     */
    private static boolean movesOn(Attempt last, RequestRecord r) {
        return r.status() != ClientCancelledException.STATUS && (last.skipped() || TRANSIENT.contains(last.outcome()));
    }

    /** Whether a later attempt is on the same model (it is given up on at its last one). */
    private static boolean triedAgain(List<Attempt> attempts, int i) {
        String model = attempts.get(i).model();
        for (int j = i + 1; j < attempts.size(); j++) {
            if (attempts.get(j).model().equals(model)) {
                return true;
            }
        }
        return false;
    }
}
