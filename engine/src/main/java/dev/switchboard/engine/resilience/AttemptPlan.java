package dev.switchboard.engine.resilience;

import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;

/**
 * What the attempt loop tries, as the planner left it: the candidates in order and those skipped
 * before any call. The pipeline's {@code RoutePlan} is one; declared here so the attempt loop does
 * not depend on the pipeline that calls it.
 */
public interface AttemptPlan {
    /** The route name, or null when the client named a catalog model. */
    String route();

    /** The models to try, in order: the head first, then its fallbacks. */
    List<ModelDescriptor> candidates();

    /** Candidates dropped before any call, each listed among the attempts when the loop gets to its position. */
    List<Rejection> rejected();
}
