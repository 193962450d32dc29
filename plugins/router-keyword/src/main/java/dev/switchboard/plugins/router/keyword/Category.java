package dev.switchboard.plugins.router.keyword;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One configured task category.
 *
 * @param name     the category name, as configured
 * @param keywords normalized keywords (whole words, case-insensitive)
 * @param patterns compiled extra patterns; a pattern found in the text counts as one hit
 * @param models   the ordered model chain answered for this category
 * @param labels   the decision labels ({@code category})
 */
record Category(String name, List<String> keywords, List<Pattern> patterns, List<String> models, Map<String, String> labels) {

    Category {
        keywords = List.copyOf(keywords);
        patterns = List.copyOf(patterns);
        models = List.copyOf(models);
        labels = Map.copyOf(labels);
    }

    /** Whether keyword hits can select this category. */
    boolean matchable() {
        return !keywords.isEmpty() || !patterns.isEmpty();
    }
}
