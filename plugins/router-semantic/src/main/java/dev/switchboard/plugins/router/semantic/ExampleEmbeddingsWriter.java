package dev.switchboard.plugins.router.semantic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by the build (process-classes): embeds the built-in examples and writes them as
 * {@link ExampleEmbeddings#RESOURCE} into the classes directory, so a node's start-up loads the
 * model and embeds nothing it ships with.
 *
 * <pre>java -cp target/classes:... dev.switchboard.plugins.router.semantic.ExampleEmbeddingsWriter OUTPUT</pre>
 */
public final class ExampleEmbeddingsWriter {
    private ExampleEmbeddingsWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ExampleEmbeddingsWriter OUTPUT-FILE");
        }
        long start = System.nanoTime();
        MiniLmEmbedder model = MiniLmEmbedder.shared();
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out)) {
            ExampleEmbeddings.write(file, model.identity(), ExamplesFile.builtInTexts(),
                    text -> model.embed(text, ExampleEmbeddings.WINDOW).vector());
        }
        System.out.println("semantic: built-in example embeddings written to " + out + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
