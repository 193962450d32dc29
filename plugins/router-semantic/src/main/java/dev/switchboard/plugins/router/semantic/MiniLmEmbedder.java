package dev.switchboard.plugins.router.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Sentence embeddings in-process: all-MiniLM-L6-v2, quantized, through ONNX Runtime (the model
 * ships inside the langchain4j jar; no network). The ONNX session runs on the calling thread with
 * one intra-op thread, so a decision costs one core and its CPU time is measurable; vectors come
 * back with unit length, so a dot product is the cosine similarity. Thread-safe; load once per
 * node ({@link #shared()}): ONNX Runtime's native library loads once per JVM, and the model costs
 * about 1.6 s and 90 MB to load.
 */
final class MiniLmEmbedder {
    /** Dimensions of an all-MiniLM-L6-v2 embedding. */
    static final int DIMENSIONS = 384;
    private static MiniLmEmbedder shared;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private final EmbeddingModel model = new SingleThreaded();

    private MiniLmEmbedder() {
    }

    /** The node's embedder, loaded on first use (blocking: call it while routes are built, never on an event loop). */
    static synchronized MiniLmEmbedder shared() {
        if (shared == null) {
            // DJL finds its native tokenizer through the context class loader: make it this plugin's, not the engine's
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(MiniLmEmbedder.class.getClassLoader());
            long start = System.nanoTime();
            try {
                writableDjlCache();
                shared = new MiniLmEmbedder();
                java.util.logging.Logger.getLogger(MiniLmEmbedder.class.getName()).info(() -> "semantic: all-MiniLM-L6-v2 loaded in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return shared;
    }

    /**
     * DJL unpacks its native tokenizer into {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}); where the home
     * directory is read-only (a container with a read-only root file system) it goes under the
     * temporary directory instead, unless the operator chose a directory.
     */
    private static void writableDjlCache() {
        if (System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null) {
            return;
        }
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home", "."));
        java.nio.file.Path djl = home.resolve(".djl.ai");
        if (java.nio.file.Files.isWritable(djl) || !java.nio.file.Files.exists(djl) && java.nio.file.Files.isWritable(home)) {
            return;
        }
        System.setProperty("DJL_CACHE_DIR", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "djl.ai-" + System.getProperty("user.name", "user")).toString());
    }

    /** The unit-length embedding of a text (384 dimensions). */
    float[] embed(String text) {
        float[] v = model.embed(text).content().vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The bundled model in a session with one intra-op and one inter-op thread. */
    private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreaded() {
            super(Runnable::run);
            try (InputStream onnx = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession session = env.createSession(onnx.readAllBytes(), options);
                this.encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled MiniLM model", e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load the bundled MiniLM model", e);
            }
        }

        private static InputStream resource(String name) {
            InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException(name + " is not in the langchain4j MiniLM jar");
            }
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
