package dev.switchboard.engine.auth;

import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * The door every client request passes: who is calling ({@link KeyAuthenticator}) and whether
 * its limits admit the request ({@link LimitEnforcer}). The result goes into the request metadata
 * ({@code key-name}, and {@code prefer-cheaper} once a key passed its budget share).
 */
public final class Gatekeeper {
    /** Metadata key set when routes should prefer their cheapest candidates. */
    public static final String PREFER_CHEAPER = "prefer-cheaper";
    private final KeyAuthenticator keys;
    private final LimitEnforcer limits;

    public Gatekeeper(KeyAuthenticator keys, LimitEnforcer limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /** Authenticates and admits a chat request, filling in the metadata; fails with the client's error. */
    public Future<Void> admit(MultiMap headers, ChatRequest request, Map<String, String> metadata) {
        Caller caller;
        try {
            caller = keys.authenticate(headers);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        if (caller.name() != null) {
            metadata.put(dev.switchboard.engine.pipeline.ChatService.KEY_NAME, caller.name());
        }
        return limits.admit(caller, request.model()).map(preferCheaper -> {
            if (preferCheaper) {
                metadata.put(PREFER_CHEAPER, "true");
            }
            return null;
        });
    }

    /** Authenticates a non-chat client call (model list, route explanation). */
    public void authenticate(MultiMap headers) {
        keys.authenticate(headers);
    }

    /** Checks the admin key (local callers pass when no admin key is configured). */
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

    /** Wires the gate into the pipeline: usage and cost of every request count against its key. */
    public void attach(ChatService service) {
        service.addObserver(limits);
    }
}
