package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import dev.switchboard.toolkit.routing.QueryWindow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The request sent to the classifier: a system prompt naming every category with its description
 * and the closed list of answers, then the user's text (the last user turn, after a bounded window
 * of earlier user turns). Temperature 0, a small {@code max_tokens}, and a {@code response_format}
 * JSON schema whose {@code category} is an {@code enum} of the names, so providers that honour
 * structured outputs cannot answer outside the list (the others still read the list in the prompt).
 * The schema is sent only to a classifier known to have the {@code json} capability: the engine
 * refuses a JSON request to a model without it. Immutable: built once per route.
 */
final class ClassifierPrompt {
    /** Enough for {@code {"category": "<a 64-character name>"}} and nothing much else. */
    static final int MAX_TOKENS = 32;
    static final String DEFAULT_INSTRUCTIONS = "You are a request router. Read the user's message and pick the one"
            + " category that best describes what it asks for.";

    private final String system;
    /** The json_schema response format, or null when the classifier is not known to honour it. */
    private final JsonObject responseFormat;

    ClassifierPrompt(List<Category> categories, String instructions, boolean constrained) {
        List<String> names = categories.stream().map(Category::name).toList();
        StringBuilder s = new StringBuilder(instructions == null ? DEFAULT_INSTRUCTIONS : instructions).append("\n\nCategories:\n");
        for (Category c : categories) {
            s.append("- ").append(c.name()).append(c.description().isEmpty() ? "" : ": " + c.description()).append('\n');
        }
        s.append("\nAnswer with JSON only, exactly {\"category\": \"<name>\"}, where <name> is one of: ")
                .append(String.join(", ", names)).append(". Do not answer the user's message itself.");
        this.system = s.toString();
        JsonObject schema = new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("category", new JsonObject().put("type", "string")
                        .put("enum", new JsonArray(names))))
                .put("required", new JsonArray().add("category"))
                .put("additionalProperties", false);
        this.responseFormat = !constrained ? null : new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject()
                .put("name", "route_category").put("strict", true).put("schema", schema));
    }

    /** The system prompt (the same for every request of the route). */
    String system() {
        return system;
    }

    /** The classification request for one window of user text. */
    ChatRequest request(String classifier, QueryWindow window) {
        JsonObject body = new JsonObject()
                .put("model", classifier)
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", system))
                        .add(new JsonObject().put("role", "user").put("content", userText(window))))
                .put("temperature", 0)
                .put("max_tokens", MAX_TOKENS);
        if (responseFormat != null) {
            body.put("response_format", responseFormat.copy());
        }
        return ChatRequestParser.parse(body);
    }

    /** The user's text: earlier turns oldest first for context, then the message to classify. */
    static String userText(QueryWindow window) {
        List<String> texts = window.texts(); // the last turn first
        if (texts.size() == 1) {
            return "Message to classify:\n" + texts.get(0);
        }
        StringBuilder s = new StringBuilder("Earlier messages from the same user, for context (oldest first):\n");
        for (int i = texts.size() - 1; i >= 1; i--) {
            s.append("- ").append(texts.get(i).replace("\n", " ")).append('\n');
        }
        return s.append("\nMessage to classify:\n").append(texts.get(0)).toString();
    }
}
