package dev.switchboard.tests.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Request bodies the end-to-end tests send. */
public final class Chats {
    private Chats() {
    }

    /** An OpenAI chat request body with one user message. */
    public static String chat(String model, String text) {
        return new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text))).encode();
    }
}
