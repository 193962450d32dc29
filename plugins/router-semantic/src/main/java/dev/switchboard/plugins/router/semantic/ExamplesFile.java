package dev.switchboard.plugins.router.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.spi.PluginConfigException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads example utterances from a file: JSON Lines ({@code .jsonl}: one JSON string or object per
 * line) or YAML ({@code .yaml}/{@code .yml}: a list of strings or objects). An object gives its
 * text in {@code text}; when it also carries the route's label field ({@code category} or
 * {@code tier}), it counts only for the entry of that name, so one file can serve every entry
 * (the built-in set is such a file).
 */
final class ExamplesFile {
    private static final String BUILT_IN = "/routing-examples/examples.jsonl";

    /** One example: its text and its label (null when the record names none). */
    record Example(String text, String label) {
    }

    private ExamplesFile() {
    }

    /**
     * The examples of {@code file} for the entry {@code name}.
     *
     * @param path the option path, named in errors, e.g. {@code categories.code.examples-file}
     * @throws PluginConfigException when the file is missing, unreadable or malformed
     */
    static List<String> read(String file, String path, String labelField, String name) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new PluginConfigException(path, "cannot read examples file '" + file + "' (resolved to "
                    + p.toAbsolutePath() + "): " + (Files.exists(p) ? "not a readable file" : "no such file")
                    + "; give a .jsonl or .yaml file of example utterances");
        }
        String lower = file.toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(p)) {
            List<Example> all;
            if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
                all = jsonLines(in, path, labelField);
            } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                all = yaml(in, path, labelField);
            } else {
                throw new PluginConfigException(path, "'" + file + "' must end in .jsonl or .yaml (.yml)");
            }
            return forEntry(all, name);
        } catch (IOException e) {
            throw new PluginConfigException(path, "cannot read examples file '" + file + "': " + e.getMessage());
        }
    }

    /** The built-in examples (this jar's copy of {@code routing-examples/examples.jsonl}) labelled {@code name}. */
    static List<String> builtIn(String labelField, String name) {
        return builtIn(labelField).stream().filter(e -> name.equals(e.label())).map(Example::text).toList();
    }

    /** Every built-in example text, in the file's order (what the build embeds ahead of time). */
    static List<String> builtInTexts() {
        return builtIn("category").stream().map(Example::text).toList();
    }

    private static List<Example> builtIn(String labelField) {
        try (InputStream in = ExamplesFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the semantic plugin's jar");
            }
            List<Example> all = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonObject o = new JsonObject(line);
                    all.add(new Example(o.getString("text"), o.getString(labelField)));
                }
            }
            return all;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN, e);
        }
    }

    private static List<String> forEntry(List<Example> all, String name) {
        return all.stream().filter(e -> e.label() == null || e.label().equals(name)).map(Example::text).toList();
    }

    private static List<Example> jsonLines(InputStream in, String path, String labelField) throws IOException {
        List<Example> out = new ArrayList<>();
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Object value = io.vertx.core.json.Json.decodeValue(line);
                out.add(example(value, labelField, path, "line " + (i + 1)));
            } catch (DecodeException e) {
                throw new PluginConfigException(path, "line " + (i + 1) + " is not JSON: " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Example> yaml(InputStream in, String path, String labelField) throws IOException {
        JsonNode root = new YAMLMapper().readTree(in);
        if (root == null || !root.isArray()) {
            throw new PluginConfigException(path, "a YAML examples file must be a list of strings or of {text: ..} objects");
        }
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            Object value = n.isTextual() ? n.asText() : n.isObject() ? new JsonObject(n.toString()) : n.toString();
            out.add(example(value, labelField, path, "item " + (i + 1)));
        }
        return out;
    }

    /** The example a record holds, read for the route's label field. */
    private static Example example(Object value, String labelField, String path, String where) {
        if (value instanceof String s && !s.isBlank()) {
            return new Example(s, null);
        }
        if (value instanceof JsonObject o && o.getValue("text") instanceof String t && !t.isBlank()) {
            return new Example(t, o.getValue(labelField) instanceof String l ? l : null);
        }
        throw new PluginConfigException(path, where + " must be a non-empty string or an object with a non-empty \"text\"");
    }
}
