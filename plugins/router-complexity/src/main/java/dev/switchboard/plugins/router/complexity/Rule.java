package dev.switchboard.plugins.router.complexity;

import java.util.Arrays;
import java.util.List;

/** The grading rules, each mapped to a tier by option {@code tier-for}; defaults are the skill's. */
enum Rule {
    /** A math marker is present. */
    MATH("math", "premium"),
    /** A reasoning marker and a code marker are both present. */
    REASONING_WITH_CODE("reasoning-with-code", "premium"),
    /** A code marker is present. */
    CODE("code", "standard"),
    /** A reasoning marker is present. */
    REASONING("reasoning", "standard"),
    /** More than {@code long-words} words. */
    LONG("long", "standard"),
    /** More than {@code medium-words} words. */
    MEDIUM("medium", "mid"),
    /** No other rule fired. */
    SIMPLE("simple", "budget");

    private final String key;
    private final String defaultTier;

    Rule(String key, String defaultTier) {
        this.key = key;
        this.defaultTier = defaultTier;
    }

    /** The key under {@code tier-for}. */
    String key() {
        return key;
    }

    /** The tier this rule gives by default. */
    String defaultTier() {
        return defaultTier;
    }

    /** Every {@code tier-for} key, in rule order. */
    static List<String> keys() {
        return Arrays.stream(values()).map(Rule::key).toList();
    }
}
