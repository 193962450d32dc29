package dev.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Benchmark prompts: a ~200-token coding question and a ~2 KB mixed prose/code prompt. */
final class Prompts {
    /** About 200 o200k tokens: a coding question with a reasoning word and a code fence. */
    static final String SHORT = """
            I have a Java service that reads orders from a Kafka topic and writes them to Postgres. Under load the \
            consumer lag keeps growing and I see many "connection is closed" errors in the logs. Can you explain why \
            this happens and how to fix it? Here is the relevant part of the code:
            ```java
            for (ConsumerRecord<String, String> r : records) {
                try (Connection c = dataSource.getConnection()) {
                    PreparedStatement ps = c.prepareStatement("INSERT INTO orders(id, body) VALUES (?, ?)");
                    ps.setString(1, r.key());
                    ps.setString(2, r.value());
                    ps.executeUpdate();
                }
            }
            ```
            The pool is HikariCP with maximumPoolSize=10 and the topic has 12 partitions. Should I batch the \
            inserts, raise the pool size, or change the consumer settings first?""";

    /** About 2 KB (2048 characters): several paragraphs of a product-planning request. */
    static final String LONG = buildLong();

    private Prompts() {
    }

    private static String buildLong() {
        String[] paragraphs = {
            "We are planning the next quarter for a small team that runs an online bookshop. The shop sells new and "
                + "second-hand books, ships to twelve countries and has about forty thousand customers a month.",
            "Last quarter we moved the catalogue to a new search engine, rewrote the checkout and started a loyalty "
                + "programme. Conversion went up a little, but support tickets about delivery times doubled.",
            "This quarter we have three candidate projects: a gift-card system, a recommendation widget on the book "
                + "page, and better tracking emails for parcels. We can staff two of them at most.",
            "Please compare the three projects for expected revenue, effort and risk, and suggest an order. Consider "
                + "that the holiday season starts in the last month of the quarter and that the warehouse is busy then.",
            "Write the answer as a short memo for the owners, with a table of the projects and a recommendation, "
                + "and keep the language plain: they are not engineers and they read it on a phone."
        };
        StringBuilder sb = new StringBuilder(2100);
        for (int i = 0; sb.length() < 2048; i++) {
            sb.append(i == 0 ? "" : "\n\n").append(paragraphs[i % paragraphs.length]);
        }
        return sb.substring(0, 2048);
    }

    /** A chat request body with a system prompt and the given user text, as a client would send it. */
    static JsonObject request(String route, String userText) {
        return new JsonObject().put("model", route).put("user", "alice")
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", "You are a helpful assistant."))
                        .add(new JsonObject().put("role", "user").put("content", userText)));
    }
}
