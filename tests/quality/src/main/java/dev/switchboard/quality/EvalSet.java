package dev.switchboard.quality;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSONL prompt sets: the held-out evaluation set and the built-in examples. */
public final class EvalSet {
    /** The built-in example utterances, a resource of the config module. */
    public static final String EXAMPLES_RESOURCE = "routing-examples/examples.jsonl";

    private EvalSet() {
    }

    /** Reads a JSONL file; a bad line fails with its file and line number. */
    public static List<EvalItem> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads the built-in examples from the class path. */
    public static List<EvalItem> builtInExamples() {
        try (InputStream in = EvalSet.class.getClassLoader().getResourceAsStream(EXAMPLES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLES_RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), EXAMPLES_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EXAMPLES_RESOURCE, e);
        }
    }

    static List<EvalItem> parse(String text, String source) {
        List<EvalItem> items = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                items.add(EvalItem.fromJson(new JsonObject(lines[i])));
            } catch (DecodeException | IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(items);
    }

    /** Every {@code step}-th item, for the smoke run inside the build. */
    public static List<EvalItem> everyNth(List<EvalItem> items, int step) {
        List<EvalItem> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += step) {
            out.add(items.get(i));
        }
        return out;
    }
}
