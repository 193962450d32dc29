package dev.switchboard.quality.prototype;

import dev.switchboard.quality.EvalItem;
import dev.switchboard.quality.Labels;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How well example-based classification carries over to a kind of prompt it has no examples of:
 * for each source dataset, train on the built-in examples minus that source's, and measure on the
 * evaluation prompts of that source. The honest estimate for traffic unlike the examples.
 */
public final class LeaveSourceOut {
    private LeaveSourceOut() {
    }

    /** Prints, per source, category and tier accuracy with and without the source's own examples. */
    public static void print(MiniLmEmbedder embedder, List<EvalItem> examples, List<EvalItem> eval,
                             ExampleClassifier.Mode mode, int k, PrintStream out) {
        Map<String, float[]> vectors = new HashMap<>();
        Function<EvalItem, float[]> vector = i -> vectors.computeIfAbsent(i.text(), embedder::embed);
        Set<String> sources = new LinkedHashSet<>();
        eval.forEach(i -> sources.add(dataset(i)));
        out.println("| source (" + mode.name().toLowerCase(Locale.ROOT) + (mode == ExampleClassifier.Mode.KNN ? ", k=" + k : "")
                + ") | prompts | its examples | category, with / without them | tier, with / without them |");
        out.println("|---|---:|---:|---:|---:|");
        for (String source : sources) {
            List<EvalItem> test = eval.stream().filter(i -> dataset(i).equals(source)).toList();
            List<EvalItem> others = examples.stream().filter(e -> !dataset(e).equals(source)).toList();
            double[] with = accuracy(examples, test, vector, mode, k);
            double[] without = accuracy(others, test, vector, mode, k);
            out.printf(Locale.ROOT, "| %s | %d | %d | %.1f%% / %.1f%% | %.1f%% / %.1f%% |%n", source, test.size(),
                    examples.size() - others.size(), with[0] * 100, without[0] * 100, with[1] * 100, without[1] * 100);
        }
        out.println();
    }

    private static double[] accuracy(List<EvalItem> train, List<EvalItem> test, Function<EvalItem, float[]> vector,
                                     ExampleClassifier.Mode mode, int k) {
        ExampleClassifier categories = classifier(train, EvalItem::category, Labels.CATEGORIES, vector, mode, k);
        ExampleClassifier tiers = classifier(train, EvalItem::tier, Labels.TIERS, vector, mode, k);
        int cat = 0;
        int tier = 0;
        for (EvalItem i : test) {
            float[] v = vector.apply(i);
            cat += categories.predict(v).label().equals(i.category()) ? 1 : 0;
            tier += tiers.predict(v).label().equals(i.tier()) ? 1 : 0;
        }
        return new double[] {(double) cat / test.size(), (double) tier / test.size()};
    }

    private static ExampleClassifier classifier(List<EvalItem> train, Function<EvalItem, String> label,
                                                List<String> order, Function<EvalItem, float[]> vector,
                                                ExampleClassifier.Mode mode, int k) {
        Map<String, List<float[]>> byLabel = new LinkedHashMap<>();
        order.forEach(l -> byLabel.put(l, new ArrayList<>()));
        train.forEach(e -> byLabel.get(label.apply(e)).add(vector.apply(e)));
        byLabel.values().removeIf(List::isEmpty); // a label left without examples cannot be chosen
        return new ExampleClassifier(byLabel, mode, k);
    }

    private static String dataset(EvalItem i) {
        return i.source().getString("dataset", "?");
    }
}
