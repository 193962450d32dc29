package com.example.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.testkit.FakeCatalog;
import dev.switchboard.testkit.GoldenFixtures;
import dev.switchboard.testkit.Requests;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainCompletionAdapterTest {
    private static final ModelDescriptor MODEL = FakeCatalog.of("tiny").get("tiny");
    private static final ProviderAdapter ADAPTER = new PlainCompletionAdapterFactory()
            .create(new ProviderContext("plain", new JsonObject().put("base-url", "http://127.0.0.1:8081/").put("api-key", "k")));

    @Test
    void requestsAreTranslatedAsTheGoldenFixtureSays() {
        GoldenFixtures.assertGolden("plain", "request", "openai", "plain", body -> {
            UpstreamRequest up = ADAPTER.buildRequest(Requests.chat(body.encode()), MODEL);
            assertEquals("http://127.0.0.1:8081/complete", up.url());
            assertEquals("Bearer k", up.headers().get("authorization"));
            return new JsonObject(up.body());
        });
    }

    @Test
    void answersBecomeChatResponses() {
        ChatResponse r = ADAPTER.decodeResponse(Buffer.buffer(GoldenFixtures.bytes("plain/response.plain.json")), MODEL);
        assertEquals("Paris.", r.choices().get(0).content());
        assertEquals(12, r.usage().promptTokens());
        assertEquals(2, r.usage().completionTokens());
        ProviderException e = assertThrows(ProviderException.class, () -> ADAPTER.decodeResponse(Buffer.buffer("[]"), MODEL));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
    }

    @Test
    void streamsDecodeWhateverTheByteBoundaries() {
        byte[] stream = GoldenFixtures.bytes("plain/stream.ndjson");
        for (int size = 1; size <= stream.length; size++) {
            StreamDecoder d = ADAPTER.streamDecoder(MODEL);
            List<ChatChunk> out = new ArrayList<>();
            for (int at = 0; at < stream.length; at += size) {
                d.feed(Buffer.buffer().appendBytes(stream, at, Math.min(size, stream.length - at)), out::add);
            }
            d.end(out::add);
            StringBuilder text = new StringBuilder();
            out.forEach(c -> c.choices().forEach(delta -> text.append(delta.content() == null ? "" : delta.content())));
            assertEquals("Paris.", text.toString(), "pieces of " + size);
            assertEquals(2, out.get(out.size() - 1).usage().completionTokens());
            assertTrue(d.done());
        }
        StreamDecoder cut = ADAPTER.streamDecoder(MODEL);
        cut.feed(Buffer.buffer("{\"text\": \"Par\"}\n"), c -> { });
        assertThrows(ProviderException.class, () -> cut.end(c -> { }), "no done line: the stream was cut");
    }

    @Test
    void errorsAreNormalisedAndBadOptionsNameTheirKey() {
        assertEquals(ErrorKind.RATE_LIMITED, ADAPTER.mapError(429, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()).kind());
        assertEquals(ErrorKind.AUTH, ADAPTER.mapError(401, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()).kind());
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new PlainCompletionAdapterFactory().create(new ProviderContext("plain", new JsonObject())));
        assertEquals("base-url", e.path());
    }
}
