package dev.switchboard.bench;

import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
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
 * The cost of one routing decision per router, as the engine pays it per request: building the
 * features, then {@link Router#route}, then nothing else. Token counting is lazy
 * ({@link RequestFeatures}): a router pays for BPE only when it asks for the estimate, and a
 * context-window check is usually settled by the byte bound. Every decision benchmark counts with
 * a memo-less {@link TokenCounter}, as for a prompt never seen before (the worst case);
 * {@code cost_floor_warm} shows the same decision when the engine's memo knows the text, as it
 * does for the history a chat client resends every turn. Request parsing is not included.
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
    private Router costFloorCrossing;
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
        costFloorCrossing = BenchRouters.costFloorCrossing();
        weighted = BenchRouters.weighted();
        fixed = BenchRouters.fixed();
        RequestFeatures f = features();
        System.out.printf("%n[prompt %s: %d chars, %d estimated input tokens]%n", prompt, text.length(), f.estimatedInputTokens());
        for (Router r : new Router[] {keyword, complexity, multimodal, costFloor, weighted, fixed}) {
            System.out.println("  " + r.route(routing(f)).reason());
        }
        System.out.println("  crossing catalog: " + cost_floor_must_count().reason());
    }

    private RequestFeatures features() {
        return RequestFeatures.extract(request, coldTokens::count);
    }

    private RoutingRequest routing(RequestFeatures f) {
        return new RoutingRequest("bench", request, f, BenchRouters.CATALOG, Map.of());
    }

    private RoutingDecision decide(Router router) {
        return router.route(routing(features()));
    }

    /** Features with everything a router may read (texts, byte bound), tokens not counted. */
    @Benchmark
    public long features_lazy() {
        RequestFeatures f = features();
        return f.inputTokenBound() + f.userText().length() + f.lastUserText().length() + (f.hasImages() ? 1 : 0);
    }

    /** Features with the exact token estimate of a text never seen before: every text goes through BPE. */
    @Benchmark
    public int features_counted_cold() {
        return features().estimatedInputTokens();
    }

    /** Features with the exact token estimate when the engine's memo knows the texts. */
    @Benchmark
    public int features_counted_warm() {
        return RequestFeatures.extract(request, tokens::count).estimatedInputTokens();
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

    /**
     * The worst case of {@link #cost_floor()}: two candidates' cost lines cross between the cheap
     * token bounds, so the router counts the never-seen prompt with BPE.
     */
    @Benchmark
    public RoutingDecision cost_floor_must_count() {
        return costFloorCrossing.route(new RoutingRequest("bench", request, features(), BenchRouters.CROSSING_CATALOG, Map.of()));
    }

    /** {@link #cost_floor()} when the engine's token memo knows the prompt (a resent conversation). */
    @Benchmark
    public RoutingDecision cost_floor_warm() {
        return costFloor.route(routing(RequestFeatures.extract(request, tokens::count)));
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
