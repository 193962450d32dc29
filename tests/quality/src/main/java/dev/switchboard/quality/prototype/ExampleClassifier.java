package dev.switchboard.quality.prototype;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies an embedding by labelled example embeddings: nearest centroid (each label's mean
 * example, renormalised) or k nearest examples (similarity-weighted vote). Immutable.
 */
public final class ExampleClassifier {
    /** How a label is chosen. */
    public enum Mode { CENTROID, KNN }

    /**
     * A decision.
     *
     * @param label      the chosen label
     * @param score      its score (centroid: cosine; kNN: summed similarity of its votes)
     * @param runnerUp   the next label, or null
     * @param margin     score minus the runner-up's score
     */
    public record Prediction(String label, double score, String runnerUp, double margin) {
    }

    private final Mode mode;
    private final int k;
    private final List<String> labels = new ArrayList<>();
    private final List<float[]> vectors = new ArrayList<>();
    private final Map<String, float[]> centroids = new LinkedHashMap<>();

    /**
     * @param examples label -> unit-length example embeddings
     * @param k        neighbours for {@link Mode#KNN}
     */
    public ExampleClassifier(Map<String, List<float[]>> examples, Mode mode, int k) {
        this.mode = mode;
        this.k = k;
        examples.forEach((label, vs) -> {
            if (vs.isEmpty()) {
                throw new IllegalArgumentException("label '" + label + "' has no examples");
            }
            float[] c = new float[vs.get(0).length];
            for (float[] v : vs) {
                labels.add(label);
                vectors.add(v);
                for (int i = 0; i < c.length; i++) {
                    c[i] += v[i];
                }
            }
            double norm = Math.sqrt(MiniLmEmbedder.dot(c, c));
            for (int i = 0; i < c.length; i++) {
                c[i] /= (float) norm;
            }
            centroids.put(label, c);
        });
    }

    public Prediction predict(float[] v) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (mode == Mode.CENTROID) {
            centroids.forEach((label, c) -> scores.put(label, MiniLmEmbedder.dot(v, c)));
        } else {
            Integer[] order = new Integer[vectors.size()];
            double[] sims = new double[vectors.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                sims[i] = MiniLmEmbedder.dot(v, vectors.get(i));
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> -sims[i]));
            for (int n = 0; n < Math.min(k, order.length); n++) {
                scores.merge(labels.get(order[n]), sims[order[n]], Double::sum);
            }
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map.Entry<String, Double> best = ranked.get(0);
        Map.Entry<String, Double> second = ranked.size() > 1 ? ranked.get(1) : null;
        return new Prediction(best.getKey(), best.getValue(), second == null ? null : second.getKey(),
                best.getValue() - (second == null ? 0 : second.getValue()));
    }
}
