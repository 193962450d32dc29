package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.spi.chat.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per client key: {@code switchboard_key_requests_total{key,outcome}},
 * {@code switchboard_key_tokens_total{key,type}} and {@code switchboard_key_cost_usd_total{key}}.
 * The label is the key's configured name ({@code auth.keys[].name}), never the key. The first
 * {@code maxKeyLabels} names seen get a label of their own; later ones are counted under
 * {@code key="other"}, so thousands of keys do not become thousands of series per metric.
 * Anonymous requests (no keys configured) are not counted here.
 */
final class KeyMetrics {
    /** The {@code key} label of the names beyond the cap. */
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final MeterCache<KeyMeters> keys;

    KeyMetrics(MeterRegistry registry, int maxKeyLabels) {
        this.registry = registry;
        this.keys = new MeterCache<>(maxKeyLabels, v -> new KeyMeters(v[0]), v -> new KeyMeters(OTHER));
    }

    void record(RequestRecord r) {
        if (r.keyName() == null) {
            return;
        }
        KeyMeters k = keys.get(r.keyName());
        k.requests(MetricsObserver.outcomeSlot(r.status())).increment();
        Usage u = r.totalUsage();   // a key is charged for the poor answers escalated from too
        if (u != null) {
            k.tokens(0).increment(u.promptTokens());
            k.tokens(1).increment(u.completionTokens());
        }
        Double cost = r.totalCost();
        if (cost != null) {
            k.cost().increment(cost);
        }
    }

    /** How many key names have a label of their own. */
    int labelled() {
        return keys.series();
    }

    /**
     * One key's counters, each registered on first use (a key that never spent adds no cost
     * series). Two {@code KeyMeters} of the same name (the overflow's) share the registry's meters.
     */
    private final class KeyMeters {
        private final String key;
        private final Counter[] requests = new Counter[MetricsObserver.OUTCOMES.length];
        private final Counter[] tokens = new Counter[2];
        private Counter cost;

        KeyMeters(String key) {
            this.key = key;
        }

        Counter requests(int slot) {
            Counter c = requests[slot];
            if (c == null) {   // a race registers the same meter twice: Micrometer returns the one it has
                c = Counter.builder("switchboard.key.requests").description("Completed requests per client key name (key=\"other\" "
                        + "beyond metrics.max-key-labels names)").tags("key", key, "outcome", MetricsObserver.OUTCOMES[slot])
                        .register(registry);
                requests[slot] = c;
            }
            return c;
        }

        Counter tokens(int slot) {
            Counter c = tokens[slot];
            if (c == null) {
                c = Counter.builder("switchboard.key.tokens").description("Tokens billed per client key name (key=\"other\" beyond "
                        + "metrics.max-key-labels names)").tags("key", key, "type", slot == 0 ? "input" : "output").register(registry);
                tokens[slot] = c;
            }
            return c;
        }

        Counter cost() {
            Counter c = cost;
            if (c == null) {
                c = Counter.builder("switchboard.key.cost.usd").description("USD cost per client key name, catalog prices "
                        + "(key=\"other\" beyond metrics.max-key-labels names)").tags("key", key).register(registry);
                cost = c;
            }
            return c;
        }
    }
}
