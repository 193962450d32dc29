package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns {@code GET /api/tags} into catalog entries, one per pulled chat or embedding model.
 *
 * <p>{@code /api/tags} says little about what a model can do, so capabilities are inferred:
 * <ul>
 *   <li>when an entry carries a {@code capabilities} array (as {@code /api/show} does), it is
 *       trusted: {@code vision} and {@code tools} map to VISION and TOOLS, {@code embedding}
 *       without {@code completion} makes an embedding model (EMBEDDINGS only), and any other entry
 *       without {@code completion} is skipped;</li>
 *   <li>otherwise VISION when {@code details.families} contains {@code clip} or {@code mllama},
 *       or the name contains {@code llava} or {@code vision}; never TOOLS, because Ollama answers
 *       400 for tools on a model whose template lacks them (declare such a model in
 *       {@code models:} with {@code capabilities: [tools]} instead); a {@code *bert} family or
 *       {@code embed} in the name makes an embedding model, served on {@code /v1/embeddings};</li>
 *   <li>JSON always for chat models: Ollama's {@code format} constrains sampling for every model.</li>
 * </ul>
 * Local models cost nothing: both prices are 0.0. Ollama has no separate output cap (generation
 * runs until the context is full), so the maximum output is the whole context window.
 */
final class OllamaDiscovery {

    private final OllamaSettings settings;

    OllamaDiscovery(OllamaSettings settings) {
        this.settings = settings;
    }

    List<ModelDescriptor> decode(Buffer body) {
        List<ModelDescriptor> out = new ArrayList<>();
        for (Object o : models(body)) {
            if (!(o instanceof JsonObject)) {
                continue;
            }
            JsonObject entry = (JsonObject) o;
            String name = text(entry.getValue("name"), text(entry.getValue("model"), null));
            Set<Capability> capabilities = name == null ? null : capabilities(entry, name);
            if (capabilities != null) {
                out.add(new ModelDescriptor(settings.providerId() + "/" + name, settings.providerId(), name,
                        settings.defaultContextWindow(), settings.defaultContextWindow(), capabilities, 0.0, 0.0, null, List.of()));
            }
        }
        return out;
    }

    private JsonArray models(Buffer body) {
        try {
            Object v = Json.decodeValue(body);
            if (v instanceof JsonObject && ((JsonObject) v).getValue("models") instanceof JsonArray) {
                return ((JsonObject) v).getJsonArray("models");
            }
        } catch (DecodeException e) {
            // reported below
        }
        throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed model list from Ollama at " + settings.baseUrl()
                + "/api/tags: expected {\"models\": [...]}, got " + OllamaResponses.truncate(body.toString()));
    }

    /** The capabilities of a chat or embedding model, or null for a model that serves neither. */
    static Set<Capability> capabilities(JsonObject entry, String name) {
        Set<Capability> caps = EnumSet.of(Capability.JSON);
        if (entry.getValue("capabilities") instanceof JsonArray) {
            List<?> declared = entry.getJsonArray("capabilities").getList();
            if (!declared.contains("completion")) {
                return declared.contains("embedding") ? EnumSet.of(Capability.EMBEDDINGS) : null;
            }
            if (declared.contains("vision")) {
                caps.add(Capability.VISION);
            }
            if (declared.contains("tools")) {
                caps.add(Capability.TOOLS);
            }
            return caps;
        }
        List<String> families = families(entry);
        String lowerName = name.toLowerCase(Locale.ROOT);
        if (lowerName.contains("embed") || families.stream().anyMatch(f -> f.endsWith("bert"))) {
            return EnumSet.of(Capability.EMBEDDINGS);
        }
        if (families.contains("clip") || families.contains("mllama") || lowerName.contains("llava") || lowerName.contains("vision")) {
            caps.add(Capability.VISION);
        }
        return caps;
    }

    private static List<String> families(JsonObject entry) {
        JsonObject details = entry.getValue("details") instanceof JsonObject ? entry.getJsonObject("details") : new JsonObject();
        List<String> out = new ArrayList<>();
        if (details.getValue("families") instanceof JsonArray) {
            for (Object f : details.getJsonArray("families")) {
                if (f instanceof String) {
                    out.add(((String) f).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (details.getValue("family") instanceof String) {
            out.add(details.getString("family").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String text(Object v, String fallback) {
        return v instanceof String && !((String) v).isBlank() ? (String) v : fallback;
    }
}
