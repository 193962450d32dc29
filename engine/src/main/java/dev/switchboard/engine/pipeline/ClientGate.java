package dev.switchboard.engine.pipeline;

import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * The door every client request passes before the pipeline: who is calling and whether its limits
 * admit the request. Declared here so the front doors reach it through {@link ChatService} while
 * its implementation ({@code auth.Gatekeeper}) depends on the pipeline, never the other way round.
 */
public interface ClientGate {
    /**
     * Authenticates and admits a chat request, filling in the metadata ({@link ChatService#KEY_NAME},
     * {@link ChatService#PREFER_CHEAPER}); fails with the client's error.
     */
    Future<Void> admit(MultiMap headers, ChatRequest request, Map<String, String> metadata);

    /** Authenticates a non-chat client call (model list, route explanation); throws the client's error. */
    void authenticate(MultiMap headers);

    /** Checks the admin key (local callers pass when no admin key is configured); throws the client's error. */
    void admin(MultiMap headers, boolean fromLoopback);
}
