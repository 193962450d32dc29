package dev.switchboard.tests.providers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP calls in Anthropic's wire format, for what an SDK hides: exact bytes, headers, SSE events. */
final class MessagesHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MessagesHttp() {
    }

    /** POSTs {@code body} to {@code url} with the given header name/value pairs. */
    static HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("content-type");
        }
        if (!typed) {
            b.header("content-type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One server-sent event: its name and JSON data. */
    record Event(String name, JsonObject data) {
    }

    /** Splits an SSE body into events. */
    static List<Event> events(String body) {
        List<Event> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (name != null) {
                out.add(new Event(name, new JsonObject(data.toString())));
            }
        }
        return out;
    }

    /** A user turn with one text block. */
    static JsonObject userText(String text) {
        return new JsonObject().put("role", "user").put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)));
    }
}
