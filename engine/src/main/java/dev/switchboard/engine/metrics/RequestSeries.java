package dev.switchboard.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The request meters of one (route, model, provider): {@code switchboard_requests_total} and
 * {@code switchboard_request_duration_seconds} per status and stream flag (a handful, scanned
 * without allocating), and the token, cost and first-token meters, registered on first use so that
 * series that never carry usage (errors) add no zero-valued meters.
 */
final class RequestSeries {
    private final MeterRegistry registry;
    private final String route;
    private final String model;
    private final String provider;
    private volatile Series[] known = new Series[0];
    private volatile Counter tokensIn;
    private volatile Counter tokensOut;
    private volatile Counter cost;
    private volatile Timer firstToken;

    RequestSeries(MeterRegistry registry, String route, String model, String provider) {
        this.registry = registry;
        this.route = route;
        this.model = model;
        this.provider = provider;
    }

    /** The meters of one status and stream flag. */
    Series get(int status, boolean stream) {
        for (Series s : known) {
            if (s.status == status && s.stream == stream) {
                return s;
            }
        }
        return add(status, stream);
    }

    private synchronized Series add(int status, boolean stream) {
        for (Series s : known) {
            if (s.status == status && s.stream == stream) {
                return s;
            }
        }
        Series s = new Series(status, stream);
        Series[] more = java.util.Arrays.copyOf(known, known.length + 1);
        more[known.length] = s;
        known = more;
        return s;
    }

    // a race below registers the same meter twice: Micrometer returns the one it has

    Counter tokensIn() {
        Counter c = tokensIn;
        return c != null ? c : (tokensIn = tokens("input"));
    }

    Counter tokensOut() {
        Counter c = tokensOut;
        return c != null ? c : (tokensOut = tokens("output"));
    }

    Counter cost() {
        Counter c = cost;
        return c != null ? c : (cost = Counter.builder("switchboard.cost.usd").description("USD cost of served requests (catalog prices)")
                .tags("route", route, "model", model, "provider", provider).register(registry));
    }

    Timer firstToken() {
        Timer t = firstToken;
        return t != null ? t : (firstToken = Timer.builder("switchboard.time.to.first.token")
                .description("Streams: time until the first content chunk").tags("route", route, "model", model, "provider", provider)
                .serviceLevelObjectives(MetricsObserver.FIRST_TOKEN_BUCKETS).register(registry));
    }

    private Counter tokens(String type) {
        return Counter.builder("switchboard.tokens").description("Tokens billed by the serving model")
                .tags("route", route, "model", model, "provider", provider, "type", type).register(registry);
    }

    /** The meters of one (route, model, provider, status, stream) combination. */
    final class Series {
        final Counter requests;
        final Timer latency;
        final int status;
        final boolean stream;

        Series(int status, boolean stream) {
            Tags tags = Tags.of("route", route, "model", model, "provider", provider, "outcome", MetricsObserver.outcome(status),
                    "stream", Boolean.toString(stream));
            requests = Counter.builder("switchboard.requests").description("Completed requests")
                    .tags(tags.and("status", Integer.toString(status))).register(registry);
            latency = Timer.builder("switchboard.request.duration").description("Request latency until the response (streams: its end)")
                    .tags(tags).serviceLevelObjectives(MetricsObserver.LATENCY_BUCKETS).register(registry);
            this.status = status;
            this.stream = stream;
        }
    }
}
