package dev.switchboard.quality;

import java.util.List;

/**
 * A router under test. Adding one to the benchmark is implementing this (or naming a configured
 * route, {@link RouteSubject}) and listing it in {@link QualityMain}.
 */
public interface Subject {

    /** Name shown in the report, e.g. {@code task (keyword)}. */
    String name();

    /** The categories it can answer (empty when it grades tiers only). */
    List<String> categories();

    /** The tiers it can answer, cheapest first (empty when it classifies categories only). */
    List<String> tiers();

    /** Decides one prompt. */
    Verdict decide(EvalItem item);
}
