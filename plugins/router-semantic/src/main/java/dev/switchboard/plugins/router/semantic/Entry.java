package dev.switchboard.plugins.router.semantic;

import java.util.List;

/**
 * One configured category (or tier).
 *
 * @param name        the name, as configured
 * @param description the optional description (embedded as one more example), or null
 * @param models      the ordered model chain answered for it
 * @param examples    the example utterances it is recognised by (empty only for the default entry)
 * @param source      where the examples came from, for logs and errors: {@code inline}, a file, {@code built-in}
 */
record Entry(String name, String description, List<String> models, List<String> examples, String source) {

    Entry {
        models = List.copyOf(models);
        examples = List.copyOf(examples);
    }

    /** The texts embedded for this entry: the examples, and the description when there is one. */
    List<String> texts() {
        if (description == null) {
            return examples;
        }
        List<String> all = new java.util.ArrayList<>(examples);
        all.add(description);
        return all;
    }
}
