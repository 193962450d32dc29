package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every routing decision with its outcome: the newest ones in a fixed ring for
 * {@code GET /v1/decisions}, and, when configured, each one appended to a JSON-lines file by a
 * {@link DecisionFileWriter} off the event loop. The ring keeps the records in columns
 * ({@link DecisionRing}: nothing for the GC to copy per request); their JSON is built when read,
 * and the file's on the writer's thread, so a request pays only for a slot.
 */
public final class DecisionLog implements RequestObserver, AutoCloseable {
    private final DecisionRing ring;
    private final DecisionFileWriter file;
    private long next;
    private volatile List<Consumer<RequestRecord>> listeners = List.of();

    /**
     * @param capacity decisions kept in memory
     * @param file     where decisions are also appended, or null
     */
    public DecisionLog(int capacity, DecisionFileWriter file) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.ring = new DecisionRing(capacity);
        this.file = file;
    }

    @Override
    public void completed(RequestRecord record) {
        synchronized (ring) {
            ring.put((int) (next % ring.capacity()), record);
            next++;
        }
        if (file != null) {
            file.append(() -> toJson(record).encode());
        }
        for (Consumer<RequestRecord> listener : listeners) {
            listener.accept(record);
        }
    }

    /**
     * Calls {@code listener} with every decision from now on, on the thread that completed the
     * request (an event loop): the listener must only hand the record over (a bounded queue), never
     * block or do the work itself.
     *
     * @return stops the calls
     */
    public Runnable subscribe(Consumer<RequestRecord> listener) {
        synchronized (this) {
            List<Consumer<RequestRecord>> more = new ArrayList<>(listeners);
            more.add(listener);
            listeners = List.copyOf(more);
        }
        return () -> {
            synchronized (this) {
                List<Consumer<RequestRecord>> fewer = new ArrayList<>(listeners);
                fewer.remove(listener);
                listeners = List.copyOf(fewer);
            }
        };
    }

    /** How many listeners are subscribed (live decision streams). */
    public int subscribers() {
        return listeners.size();
    }

    /** The newest {@code limit} decisions, newest first. */
    public List<JsonObject> newest(int limit) {
        List<RequestRecord> records;
        synchronized (ring) {
            int n = (int) Math.min(Math.min(limit, ring.capacity()), next);
            records = new ArrayList<>(n);
            for (long i = next - 1; i >= next - n; i--) {
                records.add(ring.get((int) (i % ring.capacity())));
            }
        }
        List<JsonObject> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(toJson(r)));
        return out;
    }

    /** How many decisions the ring keeps. */
    public int capacity() {
        return ring.capacity();
    }

    /** Decisions the file writer dropped because its queue was full or the file failed (0 without a file). */
    public long dropped() {
        return file == null ? 0 : file.dropped();
    }

    /** One decision as logged: times in ISO-8601 UTC, money in USD. */
    public static JsonObject toJson(RequestRecord r) {
        JsonArray attempts = new JsonArray();
        for (Attempt a : r.attempts()) {
            attempts.add(a.toJson());
        }
        Usage u = r.totalUsage();   // the request's: poor answers escalated from included (each listed among the attempts)
        JsonObject json = new JsonObject().put("time", Instant.ofEpochMilli(r.startedAt()).toString()).put("request_id", r.requestId())
                .put("key_name", r.keyName())
                .put("route", r.route()).put("router", r.router()).put("model", r.model()).put("provider", r.provider())
                .put("reason", r.reason()).put("labels", new JsonObject(new java.util.LinkedHashMap<>(r.labels())))
                .put("attempts", attempts).put("latency_ms", r.latencyMs()).put("first_token_ms", r.firstTokenMs())
                .put("stream", r.stream()).put("input_tokens", u == null ? null : u.promptTokens())
                .put("output_tokens", u == null ? null : u.completionTokens()).put("cost_usd", r.totalCost())
                .put("status", r.status()).put("error_code", r.errorCode());
        // only for blocking or asynchronous routers and fallbacks: the routing cost apart from cost_usd
        return r.routing() == null ? json : json.put("routing", r.routing().toJson());
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    /** Completes once the file writer has written everything queued before {@link #close()}. */
    io.vertx.core.Future<Void> finished() {
        return file == null ? io.vertx.core.Future.succeededFuture() : io.vertx.core.Future.fromCompletionStage(file.finished());
    }
}
