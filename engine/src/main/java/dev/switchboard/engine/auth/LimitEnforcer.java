package dev.switchboard.engine.auth;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-key limits, counted cluster-wide in {@link SharedCounters}: allowed routes and models,
 * requests per minute, tokens per minute, and a USD budget per UTC day or month. Admission checks
 * the counters before a request; usage and cost are added when it ends ({@link #completed}), so
 * the cluster is exact to within the requests in flight. When the cluster does not answer in time,
 * {@link SharedCounters} decides locally or fails closed ({@code cluster.on-timeout.limits}).
 */
public final class LimitEnforcer implements RequestObserver {
    private static final Logger LOG = Logger.getLogger(LimitEnforcer.class.getName());
    private static final long NANO_USD = 1_000_000_000L;
    private final SharedCounters counters;
    private final java.util.function.Function<String, SwitchboardConfig.ApiKey> keys;

    /**
     * @param counters the shared counters
     * @param keys     key name to its (current) config
     */
    public LimitEnforcer(SharedCounters counters, java.util.function.Function<String, SwitchboardConfig.ApiKey> keys) {
        this.counters = counters;
        this.keys = keys;
    }

    /**
     * Admits a request of {@code caller} for {@code model} (a model or route name), or fails with
     * 403 (not allowed), 429 (rate, with Retry-After) or 402 (budget).
     *
     * @return whether the key has passed its {@code prefer-cheaper-at} share of the budget
     */
    public Future<Boolean> admit(Caller caller, String model) {
        SwitchboardConfig.ApiKey k = caller.key();
        if (k == null) {
            return Future.succeededFuture(false);
        }
        if (!k.allow().isEmpty() && !k.allow().contains(model)) {
            return Future.failedFuture(new ApiException(403, "permission_error", "model_not_allowed", "model",
                    "key '" + k.name() + "' may not use '" + model + "' (allowed: " + String.join(", ", k.allow()) + ")", null, null));
        }
        long now = System.currentTimeMillis();
        return budget(k, now).compose(preferCheaper -> tokens(k, now).compose(v -> requests(k, now)).map(preferCheaper));
    }

    private Future<Boolean> budget(SwitchboardConfig.ApiKey k, long now) {
        if (k.budgetUsd() == null) {
            return Future.succeededFuture(false);
        }
        return counters.get(spendKey(k, now)).compose(spentNano -> {
            double spent = (double) spentNano / NANO_USD;
            if (spent >= k.budgetUsd()) {
                Instant reset = periodEnd(k.budgetPeriod(), now);
                return Future.failedFuture(new ApiException(402, "insufficient_quota", "budget_exceeded", null,
                        String.format(java.util.Locale.ROOT, "key '%s' has spent $%.6f of its $%.6f %s budget; it resets at %s",
                                k.name(), spent, k.budgetUsd(), "day".equals(k.budgetPeriod()) ? "daily" : "monthly", reset), null, Duration.ofMillis(reset.toEpochMilli() - now)));
            }
            return Future.succeededFuture(k.preferCheaperAt() != null && spent >= k.preferCheaperAt() * k.budgetUsd());
        });
    }

    private Future<Void> tokens(SwitchboardConfig.ApiKey k, long now) {
        if (k.tpm() <= 0) {
            return Future.succeededFuture();
        }
        return counters.get("tpm:" + k.name() + ":" + now / 60_000).compose(used -> used >= k.tpm()
                ? Future.failedFuture(rateLimited(k, "tokens per minute (" + k.tpm() + ")", now)) : Future.succeededFuture());
    }

    private Future<Void> requests(SwitchboardConfig.ApiKey k, long now) {
        if (k.rpm() <= 0) {
            return Future.succeededFuture();
        }
        String window = "rpm:" + k.name() + ":" + now / 60_000;
        return counters.add(window, 1, 120_000).compose(n -> {
            if (n <= k.rpm()) {
                return Future.succeededFuture();
            }
            counters.record(window, -1, 120_000); // a rejected request does not use the allowance
            return Future.failedFuture(rateLimited(k, "requests per minute (" + k.rpm() + ")", now));
        });
    }

    private static ApiException rateLimited(SwitchboardConfig.ApiKey k, String limit, long now) {
        long wait = 60_000 - now % 60_000;
        return new ApiException(429, "rate_limit_error", "rate_limit_exceeded", null,
                "key '" + k.name() + "' is over its " + limit + "; retry in " + (wait + 999) / 1000 + " s", null, Duration.ofMillis(wait));
    }

    @Override
    public void completed(RequestRecord r) {
        settle(r);
    }

    /**
     * Adds the request's tokens and spend to the key's shared counters; the future completes when
     * both have landed (cluster-wide: a CAS on the shared map), so a sequential client's next
     * request, on any node, sees them. Failures are logged, not passed on.
     */
    @Override
    public Future<Void> settle(RequestRecord r) {
        String name = r.keyName();
        SwitchboardConfig.ApiKey k = name == null ? null : keys.apply(name);
        if (k == null) {
            return Future.succeededFuture();
        }
        long now = System.currentTimeMillis();
        Future<Long> tokens = Future.succeededFuture();
        Future<Long> spend = Future.succeededFuture();
        Usage used = r.totalUsage();   // poor answers escalated from count too
        Double cost = r.totalCost();
        if (k.tpm() > 0 && used != null) {
            tokens = counters.record("tpm:" + k.name() + ":" + now / 60_000, used.totalTokens(), 120_000).onFailure(this::warn);
        }
        if (k.budgetUsd() != null && cost != null && cost > 0) {
            long ttl = periodEnd(k.budgetPeriod(), now).toEpochMilli() - now + 3_600_000;
            spend = counters.record(spendKey(k, now), Math.round(cost * NANO_USD), ttl).onFailure(this::warn);
        }
        return Future.join(tokens, spend).<Void>mapEmpty().otherwiseEmpty();
    }

    /** What the key has spent this period, in USD. */
    public Future<Double> spent(SwitchboardConfig.ApiKey k) {
        return counters.get(spendKey(k, System.currentTimeMillis())).map(n -> (double) n / NANO_USD);
    }

    private void warn(Throwable t) {
        LOG.log(Level.WARNING, "could not update a usage counter", t);
    }

    private static String spendKey(SwitchboardConfig.ApiKey k, long now) {
        LocalDate day = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        return "spend:" + k.name() + ":" + ("day".equals(k.budgetPeriod()) ? day.toString() : YearMonth.from(day).toString());
    }

    static Instant periodEnd(String period, long now) {
        LocalDate day = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate next = "day".equals(period) ? day.plusDays(1) : YearMonth.from(day).plusMonths(1).atDay(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
