package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.spi.chat.Usage;
import java.util.List;
import java.util.Map;

/**
 * The newest request records in columns: numbers in primitive arrays, strings and maps as
 * references to the objects the record already shares with the routing table (route, model,
 * reason...). A generated request id is kept as its 64 bits and the usual single attempt inline,
 * so a slot holds no object of its own for a typical request. Why: a ring of record objects keeps
 * the last thousand requests' objects alive, and every young GC copied them (0.5 ms of each
 * 1.2 ms pause in the load benchmark, at a GC every 200 ms). Not thread-safe: the owner locks.
 */
final class DecisionRing {
    private static final int ROUTE = 0;
    private static final int ROUTER = 1;
    private static final int REASON = 2;
    private static final int LABELS = 3;
    private static final int MODEL = 4;
    private static final int PROVIDER = 5;
    private static final int ERROR_CODE = 6;
    private static final int KEY_NAME = 7;
    private static final int REQUEST_ID = 8;      // the id when it is not in the generated form, else null
    private static final int ATTEMPTS = 9;        // the list when there is not exactly one attempt, else null
    private static final int ATTEMPT_MODEL = 10;
    private static final int ATTEMPT_OUTCOME = 11;
    private static final int ROUTING = 12;       // the routing report of a blocking or asynchronous router, else null
    private static final int REFS = 13;
    private static final long NONE = Long.MIN_VALUE;
    private static final String ID_PREFIX = "req-";

    private final int capacity;
    private final Object[] refs;
    private final long[] idBits;
    private final long[] startedAt;
    private final long[] latencyMs;
    private final long[] firstTokenMs;
    private final long[] attemptMillis;
    private final int[] attemptStatus;
    private final int[] status;
    private final int[] promptTokens;      // -1: no usage
    private final int[] completionTokens;
    private final int[] cachedTokens;
    private final double[] usageCost;      // NaN: none
    private final double[] cost;           // NaN: none
    private final boolean[] stream;

    DecisionRing(int capacity) {
        this.capacity = capacity;
        refs = new Object[capacity * REFS];
        idBits = new long[capacity];
        startedAt = new long[capacity];
        latencyMs = new long[capacity];
        firstTokenMs = new long[capacity];
        attemptMillis = new long[capacity];
        attemptStatus = new int[capacity];
        status = new int[capacity];
        promptTokens = new int[capacity];
        completionTokens = new int[capacity];
        cachedTokens = new int[capacity];
        usageCost = new double[capacity];
        cost = new double[capacity];
        stream = new boolean[capacity];
    }

    int capacity() {
        return capacity;
    }

    void put(int slot, RequestRecord r) {
        int base = slot * REFS;
        refs[base + ROUTE] = r.route();
        refs[base + ROUTER] = r.router();
        refs[base + REASON] = r.reason();
        refs[base + LABELS] = r.labels();
        refs[base + MODEL] = r.model();
        refs[base + PROVIDER] = r.provider();
        refs[base + ERROR_CODE] = r.errorCode();
        refs[base + KEY_NAME] = r.keyName();
        refs[base + ROUTING] = r.routing();
        long bits = generatedIdBits(r.requestId());
        idBits[slot] = bits;
        refs[base + REQUEST_ID] = bits == 0 ? r.requestId() : null;
        List<Attempt> attempts = r.attempts();
        if (attempts.size() == 1 && attempts.get(0).poor() == null) {
            Attempt a = attempts.get(0);
            refs[base + ATTEMPTS] = null;
            refs[base + ATTEMPT_MODEL] = a.model();
            refs[base + ATTEMPT_OUTCOME] = a.outcome();
            attemptStatus[slot] = a.status();
            attemptMillis[slot] = a.millis();
        } else {
            refs[base + ATTEMPTS] = attempts;
            refs[base + ATTEMPT_MODEL] = null;
            refs[base + ATTEMPT_OUTCOME] = null;
        }
        startedAt[slot] = r.startedAt();
        latencyMs[slot] = r.latencyMs();
        firstTokenMs[slot] = r.firstTokenMs() == null ? NONE : r.firstTokenMs();
        status[slot] = r.status();
        Usage u = r.usage();
        promptTokens[slot] = u == null ? -1 : u.promptTokens();
        completionTokens[slot] = u == null ? 0 : u.completionTokens();
        cachedTokens[slot] = u == null ? 0 : u.cachedTokens();
        usageCost[slot] = u == null || u.cost() == null ? Double.NaN : u.cost();
        cost[slot] = r.cost() == null ? Double.NaN : r.cost();
        stream[slot] = r.stream();
    }

    @SuppressWarnings("unchecked")
    RequestRecord get(int slot) {
        int base = slot * REFS;
        List<Attempt> attempts = refs[base + ATTEMPTS] != null ? (List<Attempt>) refs[base + ATTEMPTS]
                : List.of(new Attempt((String) refs[base + ATTEMPT_MODEL], (String) refs[base + ATTEMPT_OUTCOME], attemptStatus[slot],
                        attemptMillis[slot]));
        Usage usage = promptTokens[slot] < 0 ? null : new Usage(promptTokens[slot], completionTokens[slot], cachedTokens[slot],
                Double.isNaN(usageCost[slot]) ? null : usageCost[slot]);
        String id = idBits[slot] != 0 ? ID_PREFIX + Long.toHexString(idBits[slot]) : (String) refs[base + REQUEST_ID];
        return new RequestRecord(id, startedAt[slot], (String) refs[base + ROUTE], (String) refs[base + ROUTER],
                (String) refs[base + REASON], (Map<String, String>) refs[base + LABELS], (String) refs[base + MODEL],
                (String) refs[base + PROVIDER], attempts, latencyMs[slot], firstTokenMs[slot] == NONE ? null : firstTokenMs[slot], usage,
                Double.isNaN(cost[slot]) ? null : cost[slot], status[slot], (String) refs[base + ERROR_CODE], stream[slot],
                (String) refs[base + KEY_NAME], (RoutingReport) refs[base + ROUTING]);
    }

    /**
     * The 64 bits of an id in the form {@code RequestIds} generates ({@code req-} and 16 lower-case
     * hex digits, the first at least 8), from which the same string is rebuilt; 0 for any other id.
     */
    static long generatedIdBits(String id) {
        if (id == null || id.length() != ID_PREFIX.length() + 16 || !id.startsWith(ID_PREFIX)) {
            return 0;
        }
        long bits = 0;
        for (int i = ID_PREFIX.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) {
                return 0;
            }
            bits = bits << 4 | d;
        }
        return bits < 0 ? bits : 0;   // top bit set: Long.toHexString gives all 16 digits back
    }
}
