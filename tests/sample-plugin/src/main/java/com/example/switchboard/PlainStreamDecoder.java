package com.example.switchboard;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The streamed answer of {@code plain-completion}: one JSON object per line, {@code {"text": ...}}
 * for each piece and a last {@code {"done": true, "input_tokens", "output_tokens"}}. Bytes arrive
 * in arbitrary pieces, so a partial line waits for the rest.
 */
final class PlainStreamDecoder implements StreamDecoder {
    private final String model;
    private final long created = System.currentTimeMillis() / 1000;
    private Buffer pending = Buffer.buffer();
    private boolean first = true;
    private boolean done;

    PlainStreamDecoder(String model) {
        this.model = model;
    }

    @Override
    public void feed(Buffer data, Consumer<ChatChunk> out) {
        pending.appendBuffer(data);
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n') {
                line(pending.getBuffer(start, i), out);
                start = i + 1;
            }
        }
        pending = pending.getBuffer(start, pending.length());
    }

    private void line(Buffer line, Consumer<ChatChunk> out) {
        if (line.length() == 0 || done) {
            return;
        }
        JsonObject event = PlainCompletionAdapter.object(line);
        if (event.getBoolean("done", false)) {
            done = true;
            out.accept(ChatChunk.text("plain-stream", model, created, null, null, "stop"));
            out.accept(ChatChunk.usageOnly("plain-stream", model, created,
                    Usage.of(event.getInteger("input_tokens", 0), event.getInteger("output_tokens", 0))));
            return;
        }
        out.accept(ChatChunk.text("plain-stream", model, created, first ? "assistant" : null, event.getString("text", ""), null));
        first = false;
    }

    @Override
    public void end(Consumer<ChatChunk> out) {
        feed(Buffer.buffer("\n"), out);
        if (!done) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "plain-completion stream ended before its done line");
        }
    }

    @Override
    public boolean done() {
        return done;
    }
}
