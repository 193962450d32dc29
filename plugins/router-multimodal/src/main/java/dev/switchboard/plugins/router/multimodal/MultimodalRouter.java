package dev.switchboard.plugins.router.multimodal;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import java.util.List;
import java.util.Map;

/**
 * Sends requests with images, or too large for the secondary model, to the primary model and the
 * rest to the secondary. The other model follows as the fallback when it can serve the request
 * (reads images if there are any, and the request fits its context window).
 *
 * <p>Unlike OpenHands, which keeps using the primary once a conversation has overflowed, this
 * router is stateless: a growing conversation keeps overflowing, so it keeps landing on the primary
 * anyway. Immutable, so safe to call from every event loop at once.
 */
final class MultimodalRouter implements Router {

    private static final String PREFIX = "multimodal: ";

    private final ModelDescriptor primary;
    private final ModelDescriptor secondary;
    private final int reserveOutputTokens;

    /**
     * @param primary             the vision model for images and long prompts
     * @param secondary           the model for text-only requests that fit it
     * @param reserveOutputTokens output tokens reserved when the request sets no {@code max_tokens}
     */
    MultimodalRouter(ModelDescriptor primary, ModelDescriptor secondary, int reserveOutputTokens) {
        this.primary = primary;
        this.secondary = secondary;
        this.reserveOutputTokens = reserveOutputTokens;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        RequestFeatures features = request.features();
        if (features.hasImages()) {
            return toPrimary(features, "image in messages[" + firstImageMessage(request.request()) + "]", "image");
        }
        String overflow = overflow(secondary, features);
        if (overflow != null) {
            return toPrimary(features, overflow, "context");
        }
        List<String> models = canServe(primary, features)
                ? List.of(secondary.id(), primary.id()) : List.of(secondary.id());
        return new RoutingDecision(models, PREFIX + "text only, fits secondary",
                Map.of("choice", "secondary", "trigger", "text"));
    }

    private RoutingDecision toPrimary(RequestFeatures features, String why, String trigger) {
        List<String> models = canServe(secondary, features)
                ? List.of(primary.id(), secondary.id()) : List.of(primary.id());
        return new RoutingDecision(models, PREFIX + why + " -> primary", Map.of("choice", "primary", "trigger", trigger));
    }

    /** Whether the model reads the request's images (if any) and the request fits it. */
    private boolean canServe(ModelDescriptor model, RequestFeatures features) {
        return (!features.hasImages() || model.can(Capability.VISION)) && overflow(model, features) == null;
    }

    /**
     * Why the request does not fit the model, or null when it does: the requested output exceeds
     * the model's maximum, or input plus output exceed its context window.
     */
    private String overflow(ModelDescriptor model, RequestFeatures features) {
        Integer requested = features.requestedMaxOutputTokens();
        if (requested != null && requested > model.maxOutputTokens()) {
            return "max_tokens " + requested + " exceeds " + role(model) + " max output " + model.maxOutputTokens();
        }
        int output = requested != null ? requested : Math.min(reserveOutputTokens, model.maxOutputTokens());
        if (!features.inputFits((long) model.contextWindow() - output)) {
            return features.estimatedInputTokens() + " tokens exceed " + role(model) + " context (" + model.contextWindow() + "-" + output + ")";
        }
        return null;
    }

    private String role(ModelDescriptor model) {
        return model == primary ? "primary" : "secondary";
    }

    /** Index of the first message holding an image; the features say there is one. */
    private static int firstImageMessage(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).hasImage()) {
                return i;
            }
        }
        return 0;
    }
}
