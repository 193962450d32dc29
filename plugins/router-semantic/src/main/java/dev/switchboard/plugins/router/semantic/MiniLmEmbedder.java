package dev.switchboard.plugins.router.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Sentence embeddings in-process: all-MiniLM-L6-v2, quantized, in our own ONNX Runtime session
 * (the model and its tokenizer ship inside the langchain4j jar, Apache 2.0; no network). A text is
 * tokenized once (langchain4j's encoder tokenized it three times and silently kept only its first
 * 128 tokens, the tokenizer file's truncation), cut to a {@link TokenWindow}, run through the
 * session on the calling thread with one intra-op thread (one decision costs one core, so decisions
 * per second scale with the routing worker pool), mean-pooled and scaled to unit length, so a dot
 * product is the cosine similarity. Thread-safe; loaded once per node ({@link #shared()}).
 */
final class MiniLmEmbedder {
    private static final Logger LOG = Logger.getLogger(MiniLmEmbedder.class.getName());
    /** Dimensions of an all-MiniLM-L6-v2 embedding. */
    static final int DIMENSIONS = 384;
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private static MiniLmEmbedder shared;

    /**
     * One text's embedding.
     *
     * @param vector   unit length, {@link #DIMENSIONS} values
     * @param tokens   word-piece tokens of the text (without [CLS] and [SEP])
     * @param embedded tokens that were embedded (fewer than {@code tokens} when the window cut the text)
     */
    record Embedding(float[] vector, int tokens, int embedded) {
        boolean cut() {
            return embedded < tokens;
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final String identity;

    private MiniLmEmbedder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, String identity) {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.identity = identity;
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
                DjlCache.makeWritable();
                shared = load();
                LOG.info(() -> "semantic: all-MiniLM-L6-v2 loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return shared;
    }

    /** Reads the model and tokenizer, building the session and the tokenizer on two threads (two native libraries to load). */
    private static MiniLmEmbedder load() {
        byte[] model = resource(MODEL);
        byte[] vocabulary = resource(TOKENIZER);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        CompletableFuture<HuggingFaceTokenizer> tokenizer = CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            return tokenizer(vocabulary);
        });
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = session(env, model);
        return new MiniLmEmbedder(env, session, tokenizer.join(), identity(model, vocabulary));
    }

    private static OrtSession session(OrtEnvironment env, byte[] model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the bundled MiniLM model", e);
        }
    }

    private static HuggingFaceTokenizer tokenizer(byte[] vocabulary) {
        try (InputStream in = new ByteArrayInputStream(vocabulary)) {
            // no padding, and no truncation: the tokenizer file truncates to 128 tokens; TokenWindow decides instead
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled MiniLM tokenizer", e);
        }
    }

    /** SHA-256 of the model and the tokenizer: names what produced an embedding (see {@link ExampleEmbeddings}). */
    private static String identity(byte[] model, byte[] vocabulary) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model);
            sha.update(vocabulary);
            return "all-minilm-l6-v2-q:" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not in the langchain4j MiniLM jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the langchain4j MiniLM jar", e);
        }
    }

    /** What produced this embedder's vectors: the model's and tokenizer's hash. */
    String identity() {
        return identity;
    }

    /** The unit-length embedding of the text's tokens inside the window. */
    Embedding embed(String text, TokenWindow window) {
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        long[] windowed = window.apply(ids, encoding::getTokens);
        return new Embedding(run(windowed), ids.length - 2, windowed.length - 2);
    }

    /** Mean of the last hidden state over every token (as sentence-transformers pools this model), unit length. */
    private float[] run(long[] ids) {
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", attention,
                     "token_type_ids", types))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] v = new float[DIMENSIONS];
            for (int t = 0; t < ids.length; t++) {
                for (int i = 0; i < DIMENSIONS; i++) {
                    v[i] += hidden.get(t * DIMENSIONS + i);
                }
            }
            ExampleIndex.normalize(v, 0, DIMENSIONS); // the mean's direction: dividing by the count first changes nothing
            return v;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a MiniLM embedding", e);
        }
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
