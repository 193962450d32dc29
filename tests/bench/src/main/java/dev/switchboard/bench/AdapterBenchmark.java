package dev.switchboard.bench;

import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.plugins.provider.anthropic.AnthropicAdapterFactory;
import dev.switchboard.plugins.provider.gemini.GeminiAdapterFactory;
import dev.switchboard.plugins.provider.openai.OpenAiAdapterFactory;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Provider adapter translation, both directions, for the real adapters built by their plugin
 * factories as the engine builds them: the OpenAI-compatible pass-through ({@code openai}),
 * Anthropic Messages and Gemini {@code generateContent}.
 *
 * <p>{@code *_request}: {@link ProviderAdapter#buildRequest} from an already parsed
 * {@link ChatRequest} to the {@link UpstreamRequest} the engine sends (URL, headers, body encoded
 * to a {@link Buffer}). {@code *_response}: {@link ProviderAdapter#decodeResponse} of a typical
 * non-streaming 2xx body in the provider's own wire format, then the OpenAI
 * {@code chat.completion} bytes the engine answers with ({@code toBuffer()}, as
 * {@code Responses.json} does).
 *
 * <p>Not measured: request parsing ({@link RequestBenchmark}), the HTTP exchange, pricing and
 * decision logging, and streaming ({@link SseBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdapterBenchmark {

    /** The three adapters, created through their factories with typical options. */
    @State(Scope.Benchmark)
    public static class Adapters {
        ProviderAdapter openai;
        ProviderAdapter anthropic;
        ProviderAdapter gemini;

        @Setup(Level.Trial)
        public void setUp() {
            openai = create(new OpenAiAdapterFactory(), "openai", new JsonObject().put("api-key", "sk-bench"));
            anthropic = create(new AnthropicAdapterFactory(), "anthropic", new JsonObject().put("api-key", "sk-ant-bench"));
            gemini = create(new GeminiAdapterFactory(), "google", new JsonObject().put("api-key", "bench-key"));
        }

        private static ProviderAdapter create(ProviderAdapterFactory factory, String id, JsonObject options) {
            return factory.create(new ProviderContext(id, options));
        }
    }

    /** The client request to translate. */
    @State(Scope.Benchmark)
    public static class Requests {
        /** As in {@link RequestBenchmark}: {@code 200tok}, {@code 2kb}, {@code tools+image}. */
        @Param({"200tok", "2kb", "tools+image"})
        public String request;

        ChatRequest chat;

        @Setup(Level.Trial)
        public void setUp(Adapters a) {
            chat = RequestBodies.parse(Payloads.requestBody(request));
            System.out.printf("%n[request %s: upstream body bytes openai %d, anthropic %d, gemini %d]%n", request,
                    a.openai.buildRequest(chat, Payloads.OPENAI_MODEL).body().length(),
                    a.anthropic.buildRequest(chat, Payloads.ANTHROPIC_MODEL).body().length(),
                    a.gemini.buildRequest(chat, Payloads.GEMINI_MODEL).body().length());
        }
    }

    /** The upstream answer to translate back, in each provider's format. */
    @State(Scope.Benchmark)
    public static class Responses {
        /** {@code text}: a ~1 KB (~230-token) answer; {@code tool_call}: function call(s), as in the plugin fixtures. */
        @Param({"text", "tool_call"})
        public String response;

        Buffer openai;
        Buffer anthropic;
        Buffer gemini;

        @Setup(Level.Trial)
        public void setUp(Adapters a) {
            openai = Payloads.openAiResponse(response);
            anthropic = Payloads.anthropicResponse(response);
            gemini = Payloads.geminiResponse(response);
            // fail fast on a fixture the adapter rejects; the buffer must survive decoding
            for (int i = 0; i < 2; i++) {
                decode(a.openai, openai, Payloads.OPENAI_MODEL);
                decode(a.anthropic, anthropic, Payloads.ANTHROPIC_MODEL);
                decode(a.gemini, gemini, Payloads.GEMINI_MODEL);
            }
            System.out.printf("%n[response %s: upstream bytes openai %d, anthropic %d, gemini %d -> chat.completion %d, %d, %d]%n",
                    response, openai.length(), anthropic.length(), gemini.length(),
                    decode(a.openai, openai, Payloads.OPENAI_MODEL).length(),
                    decode(a.anthropic, anthropic, Payloads.ANTHROPIC_MODEL).length(),
                    decode(a.gemini, gemini, Payloads.GEMINI_MODEL).length());
        }
    }

    /** The upstream body, translated and encoded as the client's {@code chat.completion}. */
    static Buffer decode(ProviderAdapter adapter, Buffer upstreamBody, ModelDescriptor model) {
        ChatResponse r = adapter.decodeResponse(upstreamBody, model);
        return r.toBuffer();
    }

    @Benchmark
    public UpstreamRequest openai_request(Adapters a, Requests r) {
        return a.openai.buildRequest(r.chat, Payloads.OPENAI_MODEL);
    }

    @Benchmark
    public UpstreamRequest anthropic_request(Adapters a, Requests r) {
        return a.anthropic.buildRequest(r.chat, Payloads.ANTHROPIC_MODEL);
    }

    @Benchmark
    public UpstreamRequest gemini_request(Adapters a, Requests r) {
        return a.gemini.buildRequest(r.chat, Payloads.GEMINI_MODEL);
    }

    @Benchmark
    public Buffer openai_response(Adapters a, Responses r) {
        return decode(a.openai, r.openai, Payloads.OPENAI_MODEL);
    }

    @Benchmark
    public Buffer anthropic_response(Adapters a, Responses r) {
        return decode(a.anthropic, r.anthropic, Payloads.ANTHROPIC_MODEL);
    }

    @Benchmark
    public Buffer gemini_response(Adapters a, Responses r) {
        return decode(a.gemini, r.gemini, Payloads.GEMINI_MODEL);
    }
}
