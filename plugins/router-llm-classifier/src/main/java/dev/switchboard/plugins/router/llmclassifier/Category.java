package dev.switchboard.plugins.router.llmclassifier;

import java.util.List;

/**
 * One category of a route: what the classifier is told about it and where it sends requests.
 *
 * @param name        the name the classifier answers with
 * @param description what belongs in it, for the classifier's prompt
 * @param models      the model chain, primary first
 */
record Category(String name, String description, List<String> models) {
    Category {
        models = List.copyOf(models);
    }
}
