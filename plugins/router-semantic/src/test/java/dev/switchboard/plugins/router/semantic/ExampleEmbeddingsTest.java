package dev.switchboard.plugins.router.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Precomputed example embeddings are used only when they are what the running model computes: a file
 * made by another model, or whose vectors differ from the model's, is ignored and every example is
 * embedded, never answered wrong.
 */
class ExampleEmbeddingsTest {
    private static final List<String> TEXTS = List.of("fix my python bug", "hello there", "solve 2x + 3 = 7");

    /** A stand-in model: a unit vector drawn from the text's hash. */
    private static float[] fakeModel(String text) {
        java.util.Random random = new java.util.Random(text.hashCode());
        float[] v = new float[MiniLmEmbedder.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        ExampleIndex.normalize(v, 0, v.length);
        return v;
    }

    private static byte[] file(String identity, Function<String, float[]> embedder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExampleEmbeddings.write(out, identity, TEXTS, embedder);
        return out.toByteArray();
    }

    /** The store over the file, with the fake model as the running one; records which texts it embeds. */
    private static ExampleEmbeddings store(byte[] file, List<String> embedded) {
        return new ExampleEmbeddings(new ByteArrayInputStream(file), "fake-1", text -> {
            embedded.add(text);
            return fakeModel(text);
        });
    }

    @Test
    void aMatchingFileAnswersItsTextsAndOnlyTheProbeIsEmbeddedAtStart() throws IOException {
        List<String> embedded = new ArrayList<>();
        ExampleEmbeddings store = store(file("fake-1", ExampleEmbeddingsTest::fakeModel), embedded);
        assertEquals(List.of(TEXTS.get(0)), embedded, "the probe is recomputed to verify the file");
        for (String text : TEXTS) {
            assertTrue(store.precomputed(text), text);
            assertArrayEquals(fakeModel(text), store.get(text), text);
        }
        assertEquals(1, embedded.size());
        assertArrayEquals(fakeModel("a text the file lacks"), store.get("a text the file lacks"));
        assertEquals(List.of(TEXTS.get(0), "a text the file lacks"), embedded);
    }

    @Test
    void aFileMadeByAnotherModelIsIgnored() throws IOException {
        List<String> embedded = new ArrayList<>();
        assertIgnored(store(file("other-model", text -> fakeModel(text + " other")), embedded));
        assertEquals(TEXTS, embedded);
    }

    @Test
    void aFileWhoseVectorsDifferFromTheModelsIsIgnored() throws IOException {
        assertIgnored(store(file("fake-1", text -> fakeModel(text + " drifted")), new ArrayList<>()));
    }

    /** Nothing comes from the file: every text gets the running model's vector. */
    private static void assertIgnored(ExampleEmbeddings store) {
        for (String text : TEXTS) {
            assertFalse(store.precomputed(text), text);
            assertArrayEquals(fakeModel(text), store.get(text), text);
        }
    }

    @Test
    void aTruncatedOrForeignFileIsIgnored() throws IOException {
        byte[] whole = file("fake-1", ExampleEmbeddingsTest::fakeModel);
        for (byte[] bad : List.of(java.util.Arrays.copyOf(whole, whole.length / 2), "not a file".getBytes())) {
            assertIgnored(store(bad, new ArrayList<>()));
        }
    }

    @Test
    void theBuildsFileHoldsEveryBuiltInExampleAsTheModelEmbedsIt() {
        MiniLmEmbedder model = MiniLmEmbedder.shared();
        ExampleEmbeddings store = ExampleEmbeddings.of(model);
        List<String> texts = ExamplesFile.builtInTexts();
        assertTrue(texts.size() > 100, "built-in examples: " + texts.size());
        texts.forEach(t -> assertTrue(store.precomputed(t), t));
        String last = texts.get(texts.size() - 1);
        assertTrue(MiniLmEmbedder.dot(store.get(last), model.embed(last, ExampleEmbeddings.WINDOW).vector()) > 0.9999);
    }
}
