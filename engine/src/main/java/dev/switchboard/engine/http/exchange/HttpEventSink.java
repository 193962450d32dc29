package dev.switchboard.engine.http.exchange;

import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The HTTP half of every front door's server-sent-event sink: routing headers on start, a bounded
 * write queue ({@code server.stream-write-queue-bytes}) that pauses the upstream read while the
 * client is behind, and the client going away (connection closed or reset) reported once. What an
 * event looks like (OpenAI chunks, Anthropic events, Responses events) is the subclass's business.
 */
public abstract class HttpEventSink implements StreamSink {
    protected final HttpServerResponse response;
    protected final RoutePlan plan;
    /** Between {@link #readStarted} and {@link #readEnded}: writes are gathered in {@link #batch}. */
    private boolean batching;
    /** Gathered writes, or null; {@link #batchOwned} when it is our own buffer (else a caller's, not to be appended to). */
    private Buffer batch;
    private boolean batchOwned;

    /**
     * @param response        the client's response
     * @param plan            for the routing headers
     * @param writeQueueBytes bytes queued for the client before the sink counts as full
     */
    protected HttpEventSink(HttpServerResponse response, RoutePlan plan, int writeQueueBytes) {
        this.response = response;
        this.plan = plan;
        if (!response.closed()) {
            response.setWriteQueueMaxSize(writeQueueBytes);
        }
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        if (response.closed()) {
            return;
        }
        Responses.eventStream(response);
        Responses.routingHeaders(response, plan, model, attempts);
    }

    @Override
    public boolean writeQueueFull() {
        return open() && response.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable onDrain) {
        if (!writeQueueFull()) {
            onDrain.run();
            return;
        }
        response.drainHandler(v -> onDrain.run());
    }

    @Override
    public void goneHandler(Runnable onGone) {
        ClientGone.watch(response, onGone);
    }

    @Override
    public void readStarted() {
        batching = true;
    }

    @Override
    public void readEnded() {
        batching = false;
        flushBatch();
    }

    /** Writes {@code bytes} unless the response is over; during a read, gathered for one write at its end. */
    protected final void write(Buffer bytes) {
        if (!open()) {
            return;
        }
        if (!batching) {
            response.write(bytes);
        } else if (batch == null) {
            batch = bytes;
            batchOwned = false;
        } else {
            if (!batchOwned) {
                batch = Buffer.buffer(Math.max(1024, 2 * (batch.length() + bytes.length()))).appendBuffer(batch);
                batchOwned = true;
            }
            batch.appendBuffer(bytes);
        }
    }

    private void flushBatch() {
        Buffer b = batch;
        batch = null;
        if (b != null && open()) {
            response.write(b);
        }
    }

    /** Ends the response ({@code last} may be null) unless it is over. */
    protected final void finish(Buffer last) {
        flushBatch();
        if (open()) {
            if (last == null) {
                response.end();
            } else {
                response.end(last);
            }
        }
    }

    /** Whether the response still takes writes. */
    protected final boolean open() {
        return !response.closed() && !response.ended();
    }
}
