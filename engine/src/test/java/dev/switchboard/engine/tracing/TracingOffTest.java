package dev.switchboard.engine.tracing;

import dev.switchboard.engine.pipeline.RequestTrace;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tracing off is the no-op path: no SDK object, one shared trace, the upstream call untouched. */
class TracingOffTest {

    @Test
    void offMakesNothingPerRequest() {
        Tracing off = Tracing.create(SwitchboardConfig.Tracing.OFF, "test");
        assertSame(Tracing.OFF, off);
        ChatRequest request = dev.switchboard.engine.pipeline.RequestBodies.parse(new JsonObject().put("model", "m")
                .put("messages", new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))));
        RequestTrace trace = off.start(RequestTrace.CHAT, request, Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), false);
        assertSame(RequestTrace.NONE, trace);
        UpstreamRequest call = UpstreamRequest.postJson("http://127.0.0.1:1/v1/chat/completions", null, Buffer.buffer("{}"));
        assertSame(call, trace.attemptStarted(ModelDescriptor.of("m", "p", 1000, 100, Set.of()), "openai", call),
                "no copy, no header: the call goes out as the adapter built it");
        assertSame(TracingStats.OFF, off.stats());
    }
}
