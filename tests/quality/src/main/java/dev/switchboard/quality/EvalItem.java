package dev.switchboard.quality;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One labelled prompt of the routing-quality data.
 *
 * @param id       stable id naming the source row, e.g. {@code gsm8k-train-17}
 * @param text     the user message as sent to the router
 * @param category one of {@link Labels#CATEGORIES}
 * @param tier     one of {@link Labels#TIERS}
 * @param source   provenance: dataset, licence, repository, commit, path, row
 * @param label    how the labels were derived
 */
public record EvalItem(String id, String text, String category, String tier, JsonObject source, String label) {
    public EvalItem {
        Objects.requireNonNull(id, "id");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(id + ": text is empty");
        }
        if (!Labels.CATEGORIES.contains(category)) {
            throw new IllegalArgumentException(id + ": category '" + category + "' is not one of " + Labels.CATEGORIES);
        }
        if (!Labels.TIERS.contains(tier)) {
            throw new IllegalArgumentException(id + ": tier '" + tier + "' is not one of " + Labels.TIERS);
        }
        Objects.requireNonNull(source, id + ": source");
    }

    /** Reads one JSONL record. */
    static EvalItem fromJson(JsonObject o) {
        return new EvalItem(o.getString("id"), o.getString("text"), o.getString("category"), o.getString("tier"),
                o.getJsonObject("source"), o.getString("label"));
    }
}
