package dev.switchboard.bench;

import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.routing.RequestFeatures;
import io.vertx.core.buffer.Buffer;
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
 * The front of the request path: the body bytes as the HTTP layer hands them over
 * ({@code ctx.body().buffer()}) go through the engine's own {@link RequestBodies#parse(Buffer)}
 * (JSON decode, then {@code ChatRequestParser} validation into the SPI {@link ChatRequest}), then
 * {@link RequestFeatures#extract} with the engine's BPE {@link TokenCounter}, as the planner does.
 * Features are lazy: building them walks the parts only, texts and the token estimate are
 * computed when a router first asks. So {@code parse_features_lazy} is what every request pays,
 * and the {@code counted} variants add the BPE estimate (cold: text never seen; warm: the memo
 * knows the longer texts) that a router asking for it adds.
 *
 * <p>Not measured: reading the body off the socket, the content-type check, authentication and
 * limits, metadata headers, and routing (see {@link RouterBenchmark}). The {@code tools+image}
 * request carries a 1x1 PNG data URL, so a real screenshot's base64 (hundreds of KB) would add
 * its JSON-decoding cost on top of the figure here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestBenchmark {
    /**
     * {@code 200tok}: ~200-token coding question; {@code 2kb}: 2048-character prompt;
     * {@code tools+image}: two tools, an image part and a tool round trip (five messages).
     */
    @Param({"200tok", "2kb", "tools+image"})
    public String request;

    private Buffer body;
    private TokenCounter tokens;
    private TokenCounter coldTokens;

    @Setup(Level.Trial)
    public void setUp() {
        body = Payloads.requestBody(request);
        tokens = new TokenCounter();
        coldTokens = new TokenCounter(false);
        // the buffer must survive being parsed (the benchmark parses the same one every call)
        ChatRequest first = RequestBodies.parse(body);
        ChatRequest again = RequestBodies.parse(body);
        if (!first.body().equals(again.body())) {
            throw new IllegalStateException("parsing consumed the body buffer");
        }
        RequestFeatures f = RequestFeatures.extract(first, tokens::count);
        System.out.printf("%n[request %s: %d bytes, %d messages, %d estimated input tokens, images %d, tools %b]%n",
                request, body.length(), first.messages().size(), f.estimatedInputTokens(), f.imageCount(), f.hasTools());
    }

    /** Bytes to validated {@link ChatRequest}: JSON decode plus validation. */
    @Benchmark
    public ChatRequest parse() {
        return RequestBodies.parse(body);
    }

    /**
     * Parse, then the features every request pays for: the flags, plus what a router may read
     * without tokenizing (the user texts and the UTF-8 byte bound on the input tokens).
     */
    @Benchmark
    public long parse_features_lazy() {
        RequestFeatures f = RequestFeatures.extract(RequestBodies.parse(body), tokens::count);
        return f.inputTokenBound() + f.userText().length() + f.lastUserText().length() + f.imageCount()
                + (f.hasTools() ? 1 : 0);
    }

    /**
     * Parse, then the exact token estimate with the engine's memoised counter: texts of 64+
     * characters seen before (the history a chat client resends every turn) are looked up, not
     * re-tokenised; shorter ones are always counted.
     */
    @Benchmark
    public int parse_features_counted_warm() {
        return RequestFeatures.extract(RequestBodies.parse(body), tokens::count).estimatedInputTokens();
    }

    /** Parse, then the exact token estimate with every text through BPE (a prompt never seen before). */
    @Benchmark
    public int parse_features_counted_cold() {
        return RequestFeatures.extract(RequestBodies.parse(body), coldTokens::count).estimatedInputTokens();
    }
}
