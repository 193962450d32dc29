package dev.switchboard.engine.auth;

import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.ClientGate;
import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * The door every client request passes: who is calling ({@link KeyAuthenticator}) and whether
 * its limits admit the request ({@link LimitEnforcer}). The result goes into the request metadata
 * ({@code key-name}, and {@code prefer-cheaper} once a key passed its budget share).
 */
public final class Gatekeeper implements ClientGate {
    private final KeyAuthenticator keys;
    private final LimitEnforcer limits;

    public Gatekeeper(KeyAuthenticator keys, LimitEnforcer limits) {
        this.keys = keys;
        this.limits = limits;
    }

    @Override
    public Future<Void> admit(MultiMap headers, ChatRequest request, Map<String, String> metadata) {
        Caller caller;
        try {
            caller = keys.authenticate(headers);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        if (caller.name() != null) {
            metadata.put(ChatService.KEY_NAME, caller.name());
        }
        return limits.admit(caller, request.model()).map(preferCheaper -> {
            if (preferCheaper) {
                metadata.put(ChatService.PREFER_CHEAPER, "true");
            }
            return null;
        });
    }

    @Override
    public void authenticate(MultiMap headers) {
        keys.authenticate(headers);
    }

    @Override
    public void admin(MultiMap headers, boolean fromLoopback) {
        keys.authenticateAdmin(headers, fromLoopback);
    }

    /** The keys (for start-up messages). */
    public KeyAuthenticator keys() {
        return keys;
    }

    /** The limit counters (for spend reports). */
    public LimitEnforcer limits() {
        return limits;
    }
}
