package dev.switchboard.config;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The models of a price file in LiteLLM's {@code model_prices_and_context_window.json} format
 * ({@code catalog.price-file}), used to fill what a {@code models.<id>} entry leaves unset.
 *
 * <p>A model matches the entry keyed {@code <provider type>/<upstream-model>}, else the one keyed
 * {@code <upstream-model>}, else the single entry keyed {@code <its litellm_provider>/<upstream-model>}
 * (LiteLLM keys some models that way, e.g. {@code gemini/...}); several such entries from different
 * providers match nothing rather than a guess.
 */
final class PriceCatalog {
    /** No price file. */
    static final PriceCatalog EMPTY = new PriceCatalog(Map.of(), Map.of(), msg -> { });

    /** The config keys a price-file entry can fill. */
    private static final Set<String> FILLED = Set.of("context-window", "max-output-tokens", "capabilities",
            "input-price", "output-price", "cached-input-price");
    private static final int MAX_TOKENS = 100_000_000;

    // Admin changes rebuild the config on the event loop: only a changed file is read and parsed again.
    private static final Map<Path, Parsed> CACHE = new ConcurrentHashMap<>();

    private record Parsed(Object version, Map<String, JsonObject> entries, Map<String, List<String>> byBareName) {
    }

    private final Map<String, JsonObject> entries;
    private final Map<String, List<String>> byBareName;
    private final Consumer<String> problems;

    private PriceCatalog(Map<String, JsonObject> entries, Map<String, List<String>> byBareName, Consumer<String> problems) {
        this.entries = entries;
        this.byBareName = byBareName;
        this.problems = problems;
    }

    /**
     * Reads a price file (blocking).
     *
     * @param problems receives what is wrong with an entry a model uses
     * @throws IllegalArgumentException when the file is missing, unreadable or not a JSON object of entries
     */
    static PriceCatalog load(String file, Consumer<String> problems) {
        Path path;
        try {
            path = Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getMessage());
        }
        Parsed parsed;
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            Object version = attrs.lastModifiedTime() + "/" + attrs.size();
            Parsed cached = CACHE.get(path);
            parsed = cached != null && cached.version().equals(version) ? cached : parse(Files.readString(path), version);
            CACHE.put(path, parsed);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("price file not found: " + path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read price file " + path + ": " + e.getMessage());
        }
        return new PriceCatalog(parsed.entries(), parsed.byBareName(), problems);
    }

    private static Parsed parse(String text, Object version) {
        JsonObject root;
        try {
            root = new JsonObject(text);
        } catch (DecodeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new IllegalArgumentException("not a JSON object of models (LiteLLM's model_prices_and_context_window.json format): " + msg);
        }
        Map<String, JsonObject> entries = new HashMap<>();
        Map<String, List<String>> byBareName = new HashMap<>();
        for (String key : root.fieldNames()) {
            if (!"sample_spec".equals(key) && root.getValue(key) instanceof JsonObject entry) {
                entries.put(key, entry);
                String prefix = entry.getValue("litellm_provider") instanceof String p ? p + "/" : null;
                if (prefix != null && key.startsWith(prefix) && key.length() > prefix.length()) {
                    byBareName.computeIfAbsent(key.substring(prefix.length()), k -> new ArrayList<>()).add(key);
                }
            }
        }
        return new Parsed(version, Map.copyOf(entries), Map.copyOf(byBareName));
    }

    /**
     * The model with every field its config entry leaves unset taken from its price-file entry;
     * the model itself when no entry matches.
     *
     * @param model        the model as configured (unset fields at their defaults or null)
     * @param providerType the type of the model's provider, e.g. {@code gemini}
     * @param setKeys      the keys its config entry sets
     */
    ModelDescriptor complete(ModelDescriptor model, String providerType, Set<String> setKeys) {
        String key = find(providerType, model.upstreamModel());
        if (key == null || setKeys.containsAll(FILLED)) {
            return model;
        }
        JsonObject e = entries.get(key);
        Consumer<String> bad = msg -> problems.accept("entry '" + key + "' (for model '" + model.id() + "'): " + msg);
        int context = setKeys.contains("context-window") ? model.contextWindow()
                : tokens(e, "max_input_tokens", model.contextWindow(), bad);
        int maxOut = setKeys.contains("max-output-tokens") ? model.maxOutputTokens()
                : tokens(e, "max_output_tokens", Math.min(4096, context), bad);
        Set<Capability> caps = setKeys.contains("capabilities") ? model.capabilities() : capabilities(e, bad);
        return new ModelDescriptor(model.id(), model.provider(), model.upstreamModel(), context, maxOut, caps,
                price(setKeys, "input-price", model.inputPrice(), e, "input_cost_per_token", bad),
                price(setKeys, "output-price", model.outputPrice(), e, "output_cost_per_token", bad),
                price(setKeys, "cached-input-price", model.cachedInputPrice(), e, "cache_read_input_token_cost", bad),
                model.fallbacks());
    }

    /** The key of the entry for a model, or null. */
    String find(String providerType, String upstreamModel) {
        if (providerType != null && entries.containsKey(providerType + "/" + upstreamModel)) {
            return providerType + "/" + upstreamModel;
        }
        if (entries.containsKey(upstreamModel)) {
            return upstreamModel;
        }
        List<String> prefixed = byBareName.getOrDefault(upstreamModel, List.of());
        return prefixed.size() == 1 ? prefixed.get(0) : null;
    }

    private static int tokens(JsonObject e, String field, int fallback, Consumer<String> bad) {
        Double n = number(e, field, bad);
        if (n == null) {
            return fallback;
        }
        if (n < 1 || n > MAX_TOKENS || n != Math.rint(n)) {
            bad.accept(field + " must be a whole number between 1 and " + MAX_TOKENS + ", got " + e.getValue(field));
            return fallback;
        }
        return n.intValue();
    }

    private static Set<Capability> capabilities(JsonObject e, Consumer<String> bad) {
        Set<Capability> caps = new LinkedHashSet<>();
        flag(e, "supports_vision", Capability.VISION, caps, bad);
        flag(e, "supports_function_calling", Capability.TOOLS, caps, bad);
        flag(e, "supports_response_schema", Capability.JSON, caps, bad);
        return caps;
    }

    private static void flag(JsonObject e, String field, Capability cap, Set<Capability> caps, Consumer<String> bad) {
        Object v = e.getValue(field);
        if (Boolean.TRUE.equals(v)) {
            caps.add(cap);
        } else if (v != null && !(v instanceof Boolean)) {
            bad.accept(field + " must be true or false, got " + Node.describe(v));
        }
    }

    /** The configured price, else the file's per-token cost as USD per million tokens, else null (unknown). */
    private static Double price(Set<String> setKeys, String configKey, Double configured, JsonObject e, String field,
                                Consumer<String> bad) {
        if (setKeys.contains(configKey)) {
            return configured;
        }
        Double perToken = number(e, field, bad);
        if (perToken != null && perToken < 0) {
            bad.accept(field + " must not be negative, got " + perToken);
            return null;
        }
        // Decimal shift, so 1.5e-07 per token is exactly 0.15 per million.
        return perToken == null ? null : new BigDecimal(perToken.toString()).movePointRight(6).doubleValue();
    }

    private static Double number(JsonObject e, String field, Consumer<String> bad) {
        Object v = e.getValue(field);
        if (v == null || v instanceof Number) {
            return v == null ? null : ((Number) v).doubleValue();
        }
        bad.accept(field + " must be a number, got " + Node.describe(v));
        return null;
    }
}
