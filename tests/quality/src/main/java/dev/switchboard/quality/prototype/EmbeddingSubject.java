package dev.switchboard.quality.prototype;

import dev.switchboard.quality.Clock;
import dev.switchboard.quality.DefaultRoutes;
import dev.switchboard.quality.EvalItem;
import dev.switchboard.quality.Labels;
import dev.switchboard.quality.Subject;
import dev.switchboard.quality.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The prototype of an example-based router, in the runner only: embeds the prompt with
 * all-MiniLM-L6-v2 and picks a category and a tier by similarity to the built-in examples. The
 * model it answers is the first model of the chosen tier in the {@code auto} route, so its cost is
 * comparable with the complexity router's. Decision time = embedding + classification.
 */
public final class EmbeddingSubject implements Subject {
    private final String name;
    private final MiniLmEmbedder embedder;
    private final ExampleClassifier categories;
    private final ExampleClassifier tiers;
    private final DefaultRoutes routes;

    private EmbeddingSubject(String name, MiniLmEmbedder embedder, ExampleClassifier categories,
                             ExampleClassifier tiers, DefaultRoutes routes) {
        this.name = name;
        this.embedder = embedder;
        this.categories = categories;
        this.tiers = tiers;
        this.routes = routes;
    }

    /** Embeds the examples once and builds the two classifiers. */
    public static EmbeddingSubject train(String name, MiniLmEmbedder embedder, List<EvalItem> examples,
                                         ExampleClassifier.Mode mode, int k, DefaultRoutes routes) {
        Map<EvalItem, float[]> vectors = new LinkedHashMap<>();
        examples.forEach(e -> vectors.put(e, embedder.embed(e.text())));
        return new EmbeddingSubject(name, embedder, classifier(vectors, EvalItem::category, Labels.CATEGORIES, mode, k),
                classifier(vectors, EvalItem::tier, Labels.TIERS, mode, k), routes);
    }

    private static ExampleClassifier classifier(Map<EvalItem, float[]> vectors, Function<EvalItem, String> label,
                                                List<String> order, ExampleClassifier.Mode mode, int k) {
        Map<String, List<float[]>> byLabel = new LinkedHashMap<>();
        order.forEach(l -> byLabel.put(l, new java.util.ArrayList<>()));
        vectors.forEach((item, v) -> byLabel.get(label.apply(item)).add(v));
        return new ExampleClassifier(byLabel, mode, k);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> categories() {
        return Labels.CATEGORIES;
    }

    @Override
    public List<String> tiers() {
        return Labels.TIERS;
    }

    @Override
    public Verdict decide(EvalItem item) {
        long cpu = Clock.cpu();
        long start = System.nanoTime();
        float[] v = embedder.embed(item.text());
        String category = categories.predict(v).label();
        String tier = tiers.predict(v).label();
        long nanos = System.nanoTime() - start;
        return new Verdict(category, tier, routes.firstModel("auto", "tiers", tier), nanos, Clock.cpu() - cpu);
    }
}
