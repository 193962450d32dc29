package dev.switchboard.engine.resilience;

import dev.switchboard.config.SwitchboardConfig.Escalation;
import dev.switchboard.engine.cost.Pricing;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;

/** What quality escalation reads in a stream before anything of it was sent. */
final class PoorStreams {
    private PoorStreams() {
    }

    /** Whether {@code chunk} carries text or a tool call: what starts a stream that may be escalated from as empty. */
    static boolean hasText(ChatChunk chunk) {
        for (ChatChunk.Delta d : chunk.choices()) {
            if ((d.content() != null && !d.content().isEmpty()) || !d.toolCalls().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The poor answer of a stream of {@code model} that ended after {@code held} without text: its last usage, priced. */
    static PoorAnswer empty(ModelDescriptor model, List<ChatChunk> held) {
        Usage usage = null;
        for (ChatChunk c : held) {
            usage = c.usage() != null ? c.usage() : usage;
        }
        Double cost = Pricing.cost(model, usage);
        return new PoorAnswer(Escalation.EMPTY, model.provider(), usage == null ? null : usage.withCost(cost), cost, true);
    }
}
