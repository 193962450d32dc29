package dev.switchboard.bench;

import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatRequestParser;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import java.util.Map;
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
 * The cost of one routing decision per router, as the engine pays it per request: feature
 * extraction with the engine's BPE {@link TokenCounter} (the dominant part), then
 * {@link Router#route}. {@code features} alone is the baseline; request parsing is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
    /** {@code 200tok}: ~200-token prompt; {@code 2kb}: 2048-character prompt. */
    @Param({"200tok", "2kb"})
    public String prompt;

    private TokenCounter tokens;
    private TokenCounter coldTokens;
    private ChatRequest request;
    private Router keyword;
    private Router complexity;
    private Router multimodal;
    private Router costFloor;
    private Router weighted;
    private Router fixed;

    @Setup(Level.Trial)
    public void setUp() {
        tokens = new TokenCounter();
        coldTokens = new TokenCounter(false);
        String text = switch (prompt) {
            case "200tok" -> Prompts.SHORT;
            case "2kb" -> Prompts.LONG;
            default -> throw new IllegalArgumentException("prompt must be 200tok or 2kb, got " + prompt);
        };
        request = ChatRequestParser.parse(Prompts.request("bench", text));
        keyword = BenchRouters.keyword();
        complexity = BenchRouters.complexity();
        multimodal = BenchRouters.multimodal();
        costFloor = BenchRouters.costFloor();
        weighted = BenchRouters.weighted();
        fixed = BenchRouters.fixed();
        RequestFeatures f = features();
        System.out.printf("%n[prompt %s: %d chars, %d estimated input tokens]%n", prompt, text.length(), f.estimatedInputTokens());
        for (Router r : new Router[] {keyword, complexity, multimodal, costFloor, weighted, fixed}) {
            System.out.println("  " + r.route(routing(f)).reason());
        }
    }

    private RequestFeatures features() {
        return RequestFeatures.extract(request, tokens::count);
    }

    private RoutingRequest routing(RequestFeatures f) {
        return new RoutingRequest("bench", request, f, BenchRouters.CATALOG, Map.of());
    }

    private RoutingDecision decide(Router router) {
        return router.route(routing(features()));
    }

    @Benchmark
    public RequestFeatures features_only() {
        return features();
    }

    /**
     * Feature extraction when no message was seen before (a new conversation): every text goes
     * through BPE. The other benchmarks repeat one request, so the engine's token-count memo
     * serves the repeated texts, as it does for the history a chat client resends every turn.
     */
    @Benchmark
    public RequestFeatures features_cold() {
        return RequestFeatures.extract(request, coldTokens::count);
    }

    @Benchmark
    public RoutingDecision keyword() {
        return decide(keyword);
    }

    @Benchmark
    public RoutingDecision complexity() {
        return decide(complexity);
    }

    @Benchmark
    public RoutingDecision multimodal() {
        return decide(multimodal);
    }

    @Benchmark
    public RoutingDecision cost_floor() {
        return decide(costFloor);
    }

    @Benchmark
    public RoutingDecision weighted() {
        return decide(weighted);
    }

    @Benchmark
    public RoutingDecision fixed() {
        return decide(fixed);
    }
}
