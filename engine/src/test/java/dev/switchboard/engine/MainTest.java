package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: --check-config, --help, bad flags. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checkConfigOnTheBundledDefaultPrintsItAndExitsZero() {
        assertEquals(0, run("--check-config"), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("\"routes\""), printed);
        assertTrue(printed.contains("config OK: 5 providers"), printed);
    }

    @Test
    void checkConfigRedactsSecrets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                providers:
                  openai: {type: openai, api-key: sk-live-very-secret, headers: {Authorization: "Bearer also-secret"}}
                models:
                  m: {provider: openai}
                """);
        assertEquals(0, run("--config", file.toString(), "--check-config"), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("sk-live-very-secret") || printed.contains("also-secret"), printed);
        assertTrue(printed.contains("***"));
    }

    @Test
    void invalidConfigExitsOneListingEveryError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                providers:
                  openai: {type: openai}
                  local: {type: ollama}
                models:
                  gpt-4o: {provider: opnai}
                routes:
                  r: {router: nope}
                """);
        assertEquals(1, run("--config", file.toString(), "--check-config"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("models.gpt-4o.provider: unknown provider 'opnai' (known: openai, local)"), e);
        assertTrue(e.contains("routes.r.router: unknown router 'nope'"), e);
    }

    @Test
    void routerOptionErrorsCarryTheirKeyPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-route.yaml");
        Files.writeString(file, """
                providers: {openai: {type: openai}}
                models: {m: {provider: openai}}
                routes:
                  main: {router: fixed, options: {models: [m, ghost]}}
                """);
        assertEquals(1, run("--config", file.toString(), "--check-config"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("routes.main.options.models[1]: unknown model 'ghost'"), err.toString());
    }

    @Test
    void missingConfigFileIsClear() {
        assertEquals(1, run("--config", "/no/such/file.yaml", "--check-config"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("config file not found: /no/such/file.yaml"));
    }

    @Test
    void newKeyPrintsAKeyAndItsHash() {
        assertEquals(0, run("--new-key"));
        String printed = out.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("key:\\s+(sb-[0-9a-f]{40})").matcher(printed);
        java.util.regex.Matcher hash = java.util.regex.Pattern.compile("key-sha256:\\s+([0-9a-f]{64})").matcher(printed);
        assertTrue(key.find() && hash.find(), printed);
        assertEquals(dev.switchboard.engine.auth.KeyAuthenticator.sha256(key.group(1)), hash.group(1));
    }

    @Test
    void helpAndBadFlags() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--check-config"));
        assertEquals(2, run("--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--bogus'"));
        assertEquals(2, run("--port", "http"));
    }
}
