package dev.switchboard.bench;

import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.plugins.provider.anthropic.AnthropicAdapterFactory;
import dev.switchboard.plugins.provider.openai.OpenAiAdapterFactory;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-chunk cost of the streaming path: a recorded upstream SSE stream (an OpenAI
 * {@code chat.completion.chunk} stream with usage, or Anthropic's Messages event sequence with a
 * ping) is fed, piece by piece, through a fresh {@link StreamDecoder} of the real adapter
 * ({@code SseStreamDecoder} over {@code SseParser} and {@code LineReader}) to {@link ChatChunk}s.
 * Scores are per decoded chunk ({@value Payloads#CHUNKS_PER_STREAM} per stream: role, 64 text
 * deltas, finish, usage), in nanoseconds.
 *
 * <p>{@code *_decode} stops at the decoded chunk. {@code *_decode_write} also hands every chunk
 * to the engine's own {@code SseSink.chunk} (package-private; created by reflection, no code
 * copied), which encodes the {@code data: {json}\n\n} event the client receives. Its
 * {@link HttpServerResponse} is a JDK proxy that answers {@code closed()}/{@code ended()} and
 * counts the bytes {@code write()} is given, so a few tens of ns of proxy dispatch per chunk are
 * included and socket writes are not.
 *
 * <p>Not measured: Netty reads and writes, {@code StreamRun}'s bookkeeping between decoder and
 * sink (first-token commit, stall timer re-arm, pricing of the usage chunk), and back-pressure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SseBenchmark {
    /**
     * {@code per-event}: one read per SSE event (an upstream flushing every token);
     * {@code 1460b}: TCP-segment-sized reads that split and coalesce events.
     */
    @Param({"per-event", "1460b"})
    public String delivery;

    private ProviderAdapter openai;
    private ProviderAdapter anthropic;
    private List<Buffer> openAiPieces;
    private List<Buffer> anthropicPieces;
    private CountingResponse written;
    private StreamSink sink;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        openai = new OpenAiAdapterFactory().create(new ProviderContext("openai", new JsonObject().put("api-key", "sk-bench")));
        anthropic = new AnthropicAdapterFactory().create(new ProviderContext("anthropic", new JsonObject().put("api-key", "sk-ant-bench")));
        openAiPieces = Payloads.pieces(Payloads.openAiEvents(), delivery);
        anthropicPieces = Payloads.pieces(Payloads.anthropicEvents(), delivery);
        written = new CountingResponse();
        sink = sseSink(written.proxy());
        // every stream must decode to exactly CHUNKS_PER_STREAM chunks, or the per-chunk figures are wrong
        for (int i = 0; i < 2; i++) {
            check("openai", decodeWrite(openai, Payloads.OPENAI_MODEL, openAiPieces));
            check("anthropic", decodeWrite(anthropic, Payloads.ANTHROPIC_MODEL, anthropicPieces));
        }
        written.bytes = 0;
        decodeWrite(openai, Payloads.OPENAI_MODEL, openAiPieces);
        long openAiOut = written.bytes;
        written.bytes = 0;
        decodeWrite(anthropic, Payloads.ANTHROPIC_MODEL, anthropicPieces);
        System.out.printf("%n[%s: openai %d reads, %d bytes in, %d bytes out; anthropic %d reads, %d bytes in, %d bytes out; "
                        + "%d chunks per stream]%n", delivery,
                openAiPieces.size(), length(openAiPieces), openAiOut,
                anthropicPieces.size(), length(anthropicPieces), written.bytes, Payloads.CHUNKS_PER_STREAM);
    }

    private static void check(String provider, long chunks) {
        if (chunks != Payloads.CHUNKS_PER_STREAM) {
            throw new IllegalStateException(provider + " stream decoded to " + chunks + " chunks, expected " + Payloads.CHUNKS_PER_STREAM);
        }
    }

    private static long length(List<Buffer> pieces) {
        return pieces.stream().mapToLong(Buffer::length).sum();
    }

    /** The engine's {@code SseSink} on the given response; its route plan is only read by {@code start}. */
    static StreamSink sseSink(HttpServerResponse response) throws ReflectiveOperationException {
        Class<?> type = Class.forName("dev.switchboard.engine.http.SseSink");
        Constructor<?> c = type.getDeclaredConstructor(HttpServerResponse.class, RoutePlan.class, int.class);
        c.setAccessible(true);
        return (StreamSink) c.newInstance(response, null, 65_536);
    }

    /** Decodes one whole stream; returns a digest of the chunks (count in the low bits) so nothing is dead code. */
    private static long decode(ProviderAdapter adapter, ModelDescriptor model, List<Buffer> pieces) {
        Digest digest = new Digest();
        StreamDecoder decoder = adapter.streamDecoder(model);
        for (int i = 0; i < pieces.size(); i++) {
            decoder.feed(pieces.get(i), digest);
        }
        decoder.end(digest);
        return digest.value();
    }

    /** Decodes one whole stream into the engine's SSE sink; returns the number of chunks written. */
    private long decodeWrite(ProviderAdapter adapter, ModelDescriptor model, List<Buffer> pieces) {
        long before = written.writes;
        StreamDecoder decoder = adapter.streamDecoder(model);
        Consumer<ChatChunk> out = sink::chunk;
        for (int i = 0; i < pieces.size(); i++) {
            decoder.feed(pieces.get(i), out);
        }
        decoder.end(out);
        return written.writes - before;
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.CHUNKS_PER_STREAM)
    public long openai_decode() {
        return decode(openai, Payloads.OPENAI_MODEL, openAiPieces);
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.CHUNKS_PER_STREAM)
    public long openai_decode_write() {
        decodeWrite(openai, Payloads.OPENAI_MODEL, openAiPieces);
        return written.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.CHUNKS_PER_STREAM)
    public long anthropic_decode() {
        return decode(anthropic, Payloads.ANTHROPIC_MODEL, anthropicPieces);
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.CHUNKS_PER_STREAM)
    public long anthropic_decode_write() {
        decodeWrite(anthropic, Payloads.ANTHROPIC_MODEL, anthropicPieces);
        return written.bytes;
    }

    /** Folds every decoded chunk's content into a value the benchmark returns. */
    private static final class Digest implements Consumer<ChatChunk> {
        private long chunks;
        private long hash;

        @Override
        public void accept(ChatChunk c) {
            chunks++;
            hash = 31 * hash + (c.id() == null ? 0 : c.id().length()) + c.choices().size();
            for (ChatChunk.Delta d : c.choices()) {
                hash = 31 * hash + (d.content() == null ? 0 : d.content().length());
            }
            if (c.usage() != null) {
                hash = 31 * hash + c.usage().totalTokens();
            }
        }

        long value() {
            return (hash << 16) ^ chunks;
        }
    }

    /** An {@link HttpServerResponse} that stays open and counts what is written to it. */
    static final class CountingResponse {
        long writes;
        long bytes;

        HttpServerResponse proxy() {
            return (HttpServerResponse) Proxy.newProxyInstance(HttpServerResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServerResponse.class}, (p, method, args) -> switch (method.getName()) {
                        case "closed", "ended", "writeQueueFull" -> false;
                        case "setWriteQueueMaxSize" -> p;
                        case "write" -> {
                            Buffer b = (Buffer) args[0];
                            writes++;
                            bytes += b.length();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "CountingResponse";
                        default -> throw new UnsupportedOperationException("HttpServerResponse." + method.getName());
                    });
        }
    }
}
