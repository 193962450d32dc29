package dev.switchboard.quality;

import java.util.List;

/** The label sets of the routing-quality data (see tests/quality/README.md). */
public final class Labels {
    /** Task categories, as the keyword router's well-known ones plus {@code general}. */
    public static final List<String> CATEGORIES = List.of("code", "reasoning", "conversation", "tools", "general");
    /** Difficulty tiers, cheapest first, as the complexity router's default tier names. */
    public static final List<String> TIERS = List.of("budget", "mid", "standard", "premium");

    private Labels() {
    }

    /** A prompt labelled standard or premium: one a budget model should not get. */
    public static boolean hard(String tier) {
        return "standard".equals(tier) || "premium".equals(tier);
    }

    /** A prompt labelled budget or mid: one the premium tier is wasted on. */
    public static boolean easy(String tier) {
        return "budget".equals(tier) || "mid".equals(tier);
    }
}
