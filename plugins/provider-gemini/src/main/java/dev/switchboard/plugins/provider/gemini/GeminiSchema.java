package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Converts a JSON Schema (as OpenAI takes for {@code response_format} and tool parameters) into the
 * OpenAPI 3.0 subset Gemini's {@code Schema} accepts. Gemini rejects the whole request on a field it
 * does not know, so this keeps only the fields it documents and drops the rest
 * ({@code additionalProperties}, {@code $schema}, {@code $id}, {@code strict}, {@code const},
 * {@code examples}, string {@code format}s other than {@code date-time}/{@code enum}...). Local
 * {@code $ref}s ({@code #/$defs/X}, {@code #/definitions/X}) are inlined; {@code oneOf} becomes
 * {@code anyOf}; a {@code null} type (in a type array or an {@code anyOf} branch) becomes
 * {@code nullable: true}; a one-element {@code allOf} is merged into its parent.
 */
final class GeminiSchema {

    private static final Set<String> KEPT = Set.of("type", "title", "description", "nullable", "enum", "maxItems",
            "minItems", "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example",
            "propertyOrdering", "default", "minimum", "maximum");
    private static final Set<String> FORMATS = Set.of("date-time", "enum", "int32", "int64", "float", "double");
    private static final int MAX_DEPTH = 64;

    private final JsonObject root;
    private final String param;

    private GeminiSchema(JsonObject root, String param) {
        this.root = root;
        this.param = param;
    }

    /**
     * Converts the schema.
     *
     * @param param the request field holding it, for error messages
     * @throws InvalidRequestException for a {@code $ref} that cannot be inlined
     */
    static JsonObject toGemini(JsonObject schema, String param) {
        return new GeminiSchema(schema, param).convert(schema, 0);
    }

    private JsonObject convert(JsonObject node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException(param, "'" + param + "' nests too deeply or has a cyclic $ref; Gemini needs a finite schema");
        }
        JsonObject src = inlineRefs(node);
        JsonObject out = new JsonObject();
        for (Map.Entry<String, Object> e : src) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "properties" -> {
                    if (v instanceof JsonObject) {
                        out.put("properties", properties((JsonObject) v, depth));
                    }
                }
                case "items" -> {
                    if (v instanceof JsonObject) {
                        out.put("items", convert((JsonObject) v, depth + 1));
                    }
                }
                case "anyOf", "oneOf" -> anyOf(out, v, depth);
                case "type" -> type(out, v);
                case "format" -> {
                    if (FORMATS.contains(v)) {
                        out.put("format", v);
                    }
                }
                default -> {
                    if (KEPT.contains(e.getKey())) {
                        out.put(e.getKey(), v);
                    }
                }
            }
        }
        return out;
    }

    private JsonObject properties(JsonObject props, int depth) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, Object> p : props) {
            out.put(p.getKey(), p.getValue() instanceof JsonObject ? convert((JsonObject) p.getValue(), depth + 1) : new JsonObject());
        }
        return out;
    }

    /** Drops {@code null} branches (as {@code nullable}); a single remaining branch is merged in. */
    private void anyOf(JsonObject out, Object v, int depth) {
        if (!(v instanceof JsonArray)) {
            return;
        }
        JsonArray branches = new JsonArray();
        for (Object b : (JsonArray) v) {
            if (!(b instanceof JsonObject)) {
                continue;
            }
            JsonObject converted = convert((JsonObject) b, depth + 1);
            if ("null".equals(converted.getValue("type")) && converted.size() == 1) {
                out.put("nullable", true);
            } else {
                branches.add(converted);
            }
        }
        if (branches.size() == 1) {
            branches.getJsonObject(0).forEach(e -> {
                if (!out.containsKey(e.getKey())) {
                    out.put(e.getKey(), e.getValue());
                }
            });
        } else if (!branches.isEmpty()) {
            out.put("anyOf", branches);
        }
    }

    /** {@code ["string", "null"]} becomes {@code string} + {@code nullable}; several types become {@code anyOf}. */
    private static void type(JsonObject out, Object v) {
        if (!(v instanceof JsonArray)) {
            out.put("type", v);
            return;
        }
        JsonArray types = new JsonArray();
        for (Object t : (JsonArray) v) {
            if ("null".equals(t)) {
                out.put("nullable", true);
            } else {
                types.add(t);
            }
        }
        if (types.size() == 1) {
            out.put("type", types.getValue(0));
        } else if (types.size() > 1) {
            JsonArray anyOf = new JsonArray();
            types.forEach(t -> anyOf.add(new JsonObject().put("type", t)));
            out.put("anyOf", anyOf);
        }
    }

    /** Replaces {@code $ref} and a one-element {@code allOf} by their target, keeping sibling keywords. */
    private JsonObject inlineRefs(JsonObject node) {
        JsonObject current = node;
        for (int hops = 0; hops <= MAX_DEPTH; hops++) {
            JsonObject target = target(current);
            if (target == null) {
                return current;
            }
            JsonObject merged = target.copy();
            current.forEach(e -> {
                if (!"$ref".equals(e.getKey()) && !"allOf".equals(e.getKey())) {
                    merged.put(e.getKey(), e.getValue());
                }
            });
            current = merged;
        }
        throw new InvalidRequestException(param, "'" + param + "' has a cyclic $ref; Gemini needs a finite schema");
    }

    private JsonObject target(JsonObject node) {
        Object allOf = node.getValue("allOf");
        if (allOf instanceof JsonArray && ((JsonArray) allOf).size() == 1 && ((JsonArray) allOf).getValue(0) instanceof JsonObject) {
            return ((JsonArray) allOf).getJsonObject(0);
        }
        Object ref = node.getValue("$ref");
        if (!(ref instanceof String)) {
            return null;
        }
        String[] path = ((String) ref).split("/");
        JsonObject defs = path.length == 3 && "#".equals(path[0]) ? GeminiJson.obj(root, path[1]) : null;
        JsonObject target = defs == null ? null : GeminiJson.obj(defs, path[2]);
        if (target == null) {
            throw new InvalidRequestException(param, "'" + param + "' uses $ref '" + ref
                    + "', which is not a local #/$defs/ or #/definitions/ entry; Gemini needs the schema inlined");
        }
        return target;
    }
}
