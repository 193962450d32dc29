package dev.switchboard.bench;

import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.plugins.provider.anthropic.AnthropicAdapterFactory;
import dev.switchboard.plugins.provider.gemini.GeminiAdapterFactory;
import dev.switchboard.plugins.provider.ollama.OllamaAdapterFactory;
import dev.switchboard.plugins.provider.openai.OpenAiAdapterFactory;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bytes allocated per stream on the per-chunk path, for each provider's stream decoder: a recorded
 * 22-chunk answer (a role chunk, 20 text deltas and the finish, plus the usage each provider
 * sends) in the provider's wire format is fed through a fresh decoder of the real adapter into the
 * engine's OpenAI SSE sink ({@code SseSink}, created by reflection as {@link SseBenchmark} does, on
 * its counting response), and {@code ThreadMXBean.getCurrentThreadAllocatedBytes()} is read around a
 * batch of streams. Two deliveries: the whole stream in one network read (the load benchmark's
 * mock upstream answers in one write) and one read per event (an upstream flushing every token).
 *
 * <p>Run: {@code java -cp tests/bench/target/benchmarks.jar dev.switchboard.bench.StreamAllocation [streams]}.
 * Allocation per stream is deterministic once the JIT has settled, so a busy machine changes the
 * nanoseconds printed beside it, not the bytes.
 */
public final class StreamAllocation {
    static final int TEXT_DELTAS = 20;
    private static final long CREATED = 1_735_689_600L;

    private StreamAllocation() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Case> cases = List.of(
                new Case("openai", adapter(new OpenAiAdapterFactory(), "openai", new JsonObject().put("api-key", "sk-bench")),
                        model("gpt-4o-mini", "openai", "gpt-4o-mini-2024-07-18"), openAiEvents()),
                new Case("anthropic", adapter(new AnthropicAdapterFactory(), "anthropic", new JsonObject().put("api-key", "sk-ant-bench")),
                        model("claude-sonnet", "anthropic", "claude-sonnet-4-5"), anthropicEvents()),
                new Case("gemini", adapter(new GeminiAdapterFactory(), "google", new JsonObject().put("api-key", "bench-key")),
                        model("gemini-flash", "google", "gemini-2.5-flash"), geminiEvents()),
                new Case("ollama", adapter(new OllamaAdapterFactory(), "ollama", new JsonObject().put("base-url", "http://127.0.0.1:11434")),
                        model("llama", "ollama", "llama3.2:latest"), ollamaLines()));
        SseBenchmark.CountingResponse response = new SseBenchmark.CountingResponse();
        StreamSink sink = SseBenchmark.sseSink(response.proxy());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-10s %-10s %7s %9s %9s %14s %12s%n", "provider", "delivery", "chunks", "bytes in",
                "bytes out", "alloc B/stream", "ns/stream");
        for (Case c : cases) {
            for (String delivery : List.of("one-read", "per-event")) {
                List<Buffer> pieces = pieces(c.events, delivery);
                for (int i = 0; i < streams; i++) { // warm-up: let the JIT settle (escape analysis changes the figures)
                    run(c, pieces, sink);
                }
                response.bytes = 0;
                long chunks = run(c, pieces, sink);
                long out = response.bytes;
                long before = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                for (int i = 0; i < streams; i++) {
                    run(c, pieces, sink);
                }
                long nanos = System.nanoTime() - t0;
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                System.out.printf(Locale.ROOT, "%-10s %-10s %7d %9d %9d %14d %12d%n", c.name, delivery, chunks, length(pieces), out,
                        allocated / streams, nanos / streams);
            }
        }
    }

    /** Decodes one stream into the sink; answers the number of chunks written. */
    private static long run(Case c, List<Buffer> pieces, StreamSink sink) {
        long[] count = new long[1];
        Consumer<ChatChunk> out = chunk -> {
            count[0]++;
            sink.chunk(chunk);
        };
        StreamDecoder decoder = c.adapter.streamDecoder(c.model);
        for (int i = 0; i < pieces.size(); i++) {
            decoder.feed(pieces.get(i), out);
        }
        decoder.end(out);
        return count[0];
    }

    private record Case(String name, ProviderAdapter adapter, ModelDescriptor model, List<String> events) {
    }

    private static ProviderAdapter adapter(ProviderAdapterFactory factory, String id, JsonObject options) {
        return factory.create(new ProviderContext(id, options));
    }

    private static ModelDescriptor model(String id, String provider, String upstream) {
        return new ModelDescriptor(id, provider, upstream, 128_000, 16_384, Set.of(Capability.TOOLS), 0.15, 0.6, null, List.of());
    }

    private static List<String> words() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TEXT_DELTAS; i++) {
            out.add("word" + i + " ");
        }
        return out;
    }

    /** As the load benchmark's mock upstream sends it, with the usage chunk of {@code include_usage}. */
    static List<String> openAiEvents() {
        String head = "{\"id\":\"chatcmpl-bench-0001\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_bench\",\"choices\":";
        List<String> events = new ArrayList<>();
        events.add("data: " + head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (String w : words()) {
            events.add("data: " + head + "[{\"index\":0,\"delta\":{\"content\":" + Json.encode(w) + "},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        events.add("data: " + head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        events.add("data: " + head + "[],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":20,\"total_tokens\":34}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    static List<String> anthropicEvents() {
        List<String> events = new ArrayList<>();
        events.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":14,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n");
        events.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        events.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
        for (String w : words()) {
            events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                    + Json.encode(w) + "}}\n\n");
        }
        events.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        events.add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":20}}\n\n");
        events.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return events;
    }

    static List<String> geminiEvents() {
        List<String> events = new ArrayList<>();
        List<String> words = words();
        for (int i = 0; i < words.size(); i++) {
            boolean last = i == words.size() - 1;
            String usage = last ? "\"promptTokenCount\":14,\"candidatesTokenCount\":20,\"totalTokenCount\":34"
                    : "\"promptTokenCount\":14,\"totalTokenCount\":14";
            events.add("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": " + Json.encode(words.get(i)) + "}], \"role\": \"model\"}"
                    + (last ? ", \"finishReason\": \"STOP\"" : "") + ", \"index\": 0}], \"usageMetadata\": {" + usage
                    + "}, \"modelVersion\": \"gemini-2.5-flash\", \"responseId\": \"Xk3HaOm8Bq6n1MkP1ry3oAQ\"}\n\n");
        }
        return events;
    }

    static List<String> ollamaLines() {
        List<String> lines = new ArrayList<>();
        for (String w : words()) {
            lines.add("{\"model\":\"llama3.2:latest\",\"created_at\":\"2024-07-01T10:00:00.1Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                    + Json.encode(w) + "},\"done\":false}\n");
        }
        lines.add("{\"model\":\"llama3.2:latest\",\"created_at\":\"2024-07-01T10:00:00.4Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":4883583458,\"load_duration\":1334875,\"prompt_eval_count\":14,"
                + "\"prompt_eval_duration\":342546000,\"eval_count\":20,\"eval_duration\":4535599000}\n");
        return lines;
    }

    private static List<Buffer> pieces(List<String> events, String delivery) {
        List<Buffer> out = new ArrayList<>();
        if (delivery.equals("one-read")) {
            out.add(Buffer.buffer(String.join("", events).getBytes(StandardCharsets.UTF_8)));
        } else {
            events.forEach(e -> out.add(Buffer.buffer(e.getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    private static long length(List<Buffer> pieces) {
        return pieces.stream().mapToLong(Buffer::length).sum();
    }
}
