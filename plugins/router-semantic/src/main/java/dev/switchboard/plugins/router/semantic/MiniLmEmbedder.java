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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

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

    /**
     * Reads the model while ONNX Runtime loads its native library, and builds the tokenizer (another native
     * library, and a 700 KB vocabulary) beside both: three threads, as the start's critical path is these steps.
     */
    private static MiniLmEmbedder load() {
        CompletableFuture<byte[]> model = onThread("semantic-model-read", () -> resource(MODEL));
        CompletableFuture<byte[]> vocabulary = onThread("semantic-tokenizer", () -> resource(TOKENIZER));
        CompletableFuture<HuggingFaceTokenizer> tokenizer = vocabulary.thenApply(MiniLmEmbedder::tokenizer);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] bytes = model.join();
        OrtSession session = session(env, bytes);
        return new MiniLmEmbedder(env, session, tokenizer.join(), identity(bytes, vocabulary.join()));
    }

    /** Runs a step of the load on a thread of its own, with this plugin's class loader as the context (DJL needs it). */
    private static <T> CompletableFuture<T> onThread(String name, Supplier<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(step.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setContextClassLoader(MiniLmEmbedder.class.getClassLoader());
        thread.setDaemon(true);
        thread.start();
        return result;
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

    /**
     * Names what produced an embedding (see {@link ExampleEmbeddings}): the sizes and CRC-32C of the model and the
     * tokenizer. CRC-32C (a CPU instruction) takes milliseconds where SHA-256 took 0.3 s of the start on a busy host;
     * the file's probe text is what proves its vectors, the identity only says which files they came from.
     */
    private static String identity(byte[] model, byte[] vocabulary) {
        return "all-minilm-l6-v2-q:" + crc(model) + ":" + crc(vocabulary);
    }

    private static String crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return bytes.length + "/" + Long.toHexString(crc.getValue());
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

    /** What produced this embedder's vectors: the model's and tokenizer's sizes and checksums. */
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
