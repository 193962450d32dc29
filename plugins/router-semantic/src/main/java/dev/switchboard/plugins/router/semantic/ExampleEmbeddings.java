package dev.switchboard.plugins.router.semantic;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Embeddings of example utterances for every semantic route of a node, by text hash: those the
 * build computed (the built-in example set, {@link #RESOURCE}, written by
 * {@link ExampleEmbeddingsWriter}) and those embedded since start. The file is used only when it
 * names the running model ({@link MiniLmEmbedder#identity()}) and the example window, and when its
 * first vector matches the one the model computes now (another ONNX Runtime could round
 * differently): otherwise it is ignored and every example is embedded at start, as without it. A
 * text the file does not hold is embedded. Thread-safe.
 */
final class ExampleEmbeddings {
    private static final Logger LOG = Logger.getLogger(ExampleEmbeddings.class.getName());
    /** The precomputed embeddings of the built-in examples, on the plugin's class path. */
    static final String RESOURCE = "/routing-examples/examples.minilm.bin";
    /** Examples are embedded whole up to this many tokens (the built-in ones have at most about 100). */
    static final TokenWindow WINDOW = TokenWindow.headAndTail(256);
    private static final int MAGIC = 0x53424d45; // "SBME"
    /** Below this cosine between a stored and a recomputed vector, the file was made by something else. */
    private static final double SAME = 0.9999;

    private final Map<TextHashCache.Key, float[]> precomputed;
    private final TextHashCache<float[]> computed = new TextHashCache<>(100_000);
    private final Function<String, float[]> embedder;

    /**
     * @param file     the precomputed file, or null
     * @param identity what the embedder is ({@link MiniLmEmbedder#identity()})
     * @param embedder embeds one example text with {@link #WINDOW}
     */
    ExampleEmbeddings(InputStream file, String identity, Function<String, float[]> embedder) {
        this.embedder = embedder;
        this.precomputed = read(file, identity + " " + WINDOW.describe());
    }

    /** The node's store: the embedder's, with the built-in file. */
    static ExampleEmbeddings of(MiniLmEmbedder model) {
        try (InputStream in = ExampleEmbeddings.class.getResourceAsStream(RESOURCE)) {
            return new ExampleEmbeddings(in, model.identity(), text -> model.embed(text, WINDOW).vector());
        } catch (IOException e) {
            LOG.warning(() -> "semantic: cannot read " + RESOURCE + " (" + e + "); examples are embedded at start");
            return new ExampleEmbeddings(null, model.identity(), text -> model.embed(text, WINDOW).vector());
        }
    }

    /** The example's embedding: precomputed, embedded before, or embedded now. */
    float[] get(String text) {
        float[] v = precomputed.get(TextHashCache.key(text));
        return v != null ? v : computed.get(text, embedder);
    }

    /** Whether the text's embedding came from the file. */
    boolean precomputed(String text) {
        return precomputed.containsKey(TextHashCache.key(text));
    }

    /** Writes the embeddings of the texts as {@link #RESOURCE} holds them. */
    static void write(OutputStream out, String identity, List<String> texts, Function<String, float[]> embedder)
            throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeUTF(identity + " " + WINDOW.describe());
        List<String> distinct = texts.stream().distinct().toList();
        data.writeUTF(distinct.isEmpty() ? "" : distinct.get(0)); // the probe: recomputed at start to verify the file
        data.writeInt(distinct.size());
        for (String text : distinct) {
            TextHashCache.Key key = TextHashCache.key(text);
            data.writeLong(key.high());
            data.writeLong(key.low());
            for (float x : embedder.apply(text)) {
                data.writeFloat(x);
            }
        }
        data.flush();
    }

    private Map<TextHashCache.Key, float[]> read(InputStream file, String expected) {
        Map<TextHashCache.Key, float[]> vectors = new HashMap<>();
        if (file == null) {
            return vectors;
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(file));
            String made = in.readInt() == MAGIC ? in.readUTF() : "not an embeddings file";
            if (!made.equals(expected)) {
                LOG.warning(() -> "semantic: " + RESOURCE + " was made by " + made + ", not " + expected
                        + "; examples are embedded at start");
                return vectors;
            }
            String probe = in.readUTF();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                TextHashCache.Key key = new TextHashCache.Key(in.readLong(), in.readLong());
                float[] v = new float[MiniLmEmbedder.DIMENSIONS];
                for (int d = 0; d < v.length; d++) {
                    v[d] = in.readFloat();
                }
                vectors.put(key, v);
            }
            return verified(vectors, probe);
        } catch (IOException e) {
            LOG.warning(() -> "semantic: " + RESOURCE + " is unreadable (" + e + "); examples are embedded at start");
            return new HashMap<>();
        }
    }

    /** The vectors, unless the probe's stored vector differs from what the model computes for it now. */
    private Map<TextHashCache.Key, float[]> verified(Map<TextHashCache.Key, float[]> vectors, String probe) {
        float[] stored = vectors.get(TextHashCache.key(probe));
        if (stored == null) {
            return vectors; // an empty file
        }
        double cosine = MiniLmEmbedder.dot(stored, embedder.apply(probe));
        if (cosine < SAME) {
            LOG.warning(() -> "semantic: " + RESOURCE + " does not match this model's output (cosine " + cosine
                    + " on its probe text); examples are embedded at start");
            return new HashMap<>();
        }
        return vectors;
    }
}
