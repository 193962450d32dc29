package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Golden fixtures on the test class path ({@code src/test/resources}) and the runner that checks a
 * translation against them: {@code <dir>/<case>.<from>.json} in, {@code <dir>/<case>.<to>.json}
 * expected, compared as JSON (key order and {@code 1} vs {@code 1.0} do not matter).
 */
public final class GoldenFixtures {
    private GoldenFixtures() {
    }

    /** A fixture's bytes; {@code path} is relative to the class-path root. */
    public static byte[] bytes(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : GoldenFixtures.class.getClassLoader()).getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path + " on the test class path (src/test/resources/" + path + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    public static JsonObject json(String path) {
        return new JsonObject(text(path));
    }

    public static JsonArray array(String path) {
        return new JsonArray(text(path));
    }

    /** Structural JSON equality, showing both sides pretty-printed on failure. */
    public static void assertJson(Object expected, Object actual, String what) {
        assertEquals(expected, actual, () -> what + "\nexpected:\n" + pretty(expected) + "\nactual:\n" + pretty(actual));
    }

    /**
     * Runs one golden case: reads {@code <dir>/<name>.<from>.json}, translates it, and compares the
     * result with {@code <dir>/<name>.<to>.json}.
     *
     * @param translate from the input object to the output ({@link JsonObject} or {@link JsonArray})
     */
    public static void assertGolden(String dir, String name, String from, String to, Function<JsonObject, Object> translate) {
        String in = dir + "/" + name + "." + from + ".json";
        String expected = dir + "/" + name + "." + to + ".json";
        Object actual = translate.apply(json(in));
        Object want = actual instanceof JsonArray ? array(expected) : json(expected);
        assertJson(want, actual, in + " -> " + expected);
    }

    private static String pretty(Object json) {
        if (json instanceof JsonObject o) {
            return o.encodePrettily();
        }
        return json instanceof JsonArray a ? a.encodePrettily() : String.valueOf(json);
    }
}
