package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 16 item 4: {@code routes.<name>.escalation}, its defaults, and errors that name the key path. */
class EscalationConfigTest {
    private static final String MODELS = """
            providers: {openai: {type: openai}}
            models: {m1: {provider: openai}}
            """;

    @Test
    void absentIsOffAndDefaultsFillTheRest() {
        SwitchboardConfig c = ConfigLoaderTest.load(MODELS + """
                routes:
                  off: {router: fixed}
                  on: {router: fixed, escalation: {on: [empty, truncated]}}
                """);
        assertNull(c.routes().get("off").escalation());
        SwitchboardConfig.Escalation e = c.routes().get("on").escalation();
        assertEquals(Set.of("empty", "truncated"), e.on());
        assertEquals(200, e.minChars());
        assertEquals(1, e.maxEscalations());
        assertEquals("stronger", e.to(), "same-priced peers are skipped unless the route says next");
        assertTrue(e.refusalPhrases().contains("i'm sorry, but i can't"), e.refusalPhrases().toString());
    }

    @Test
    void keysAreRead() {
        SwitchboardConfig c = ConfigLoaderTest.load(MODELS + """
                routes:
                  r: {router: fixed, escalation: {on: [refusal, invalid-tool-call, truncated], min-chars: 40, max-escalations: 3,
                      refusal-phrases: ["Je ne peux pas", "ich kann nicht"], to: next}}
                """);
        SwitchboardConfig.Escalation e = c.routes().get("r").escalation();
        assertEquals("next", e.to());
        assertEquals(40, e.minChars());
        assertEquals(3, e.maxEscalations());
        assertEquals(List.of("je ne peux pas", "ich kann nicht"), e.refusalPhrases(), "lower-cased: matched case-insensitively");
    }

    @Test
    void badValuesNameTheirKeyPath() {
        ConfigException e = ConfigLoaderTest.invalid(MODELS + """
                routes:
                  a: {router: fixed, escalation: {on: [empty, slow, empty], max-escalations: 9, min-chars: 0}}
                  b: {router: fixed, escalation: {max-escalations: 0, when: always}}
                  c: {router: fixed, escalation: {on: [], refusal-phrases: ["  "]}}
                  d: {router: fixed, escalation: {on: [empty], refusal-phrases: [no]}}
                  e: {router: fixed, escalation: true}
                  f: {router: fixed, escalation: {on: [refusal], min-chars: 10}}
                  g: {router: fixed, escalation: {on: [empty], to: premium}}
                  h: {router: fixed, escalation: {on: [empty], to: [next]}}
                """);
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("routes.a.escalation.on[1]", "routes.a.escalation.on[2]",
                "routes.a.escalation.max-escalations", "routes.a.escalation.min-chars", "routes.b.escalation.on",
                "routes.b.escalation.max-escalations", "routes.b.escalation.when", "routes.c.escalation.on",
                "routes.c.escalation.refusal-phrases[0]", "routes.d.escalation.refusal-phrases", "routes.e.escalation",
                "routes.f.escalation.min-chars", "routes.g.escalation.to", "routes.h.escalation.to")), paths.toString());
        String unknown = e.errors().stream().filter(x -> x.path().equals("routes.a.escalation.on[1]")).findFirst().orElseThrow().message();
        assertTrue(unknown.contains("slow") && unknown.contains("invalid-tool-call"), unknown);
        String to = e.errors().stream().filter(x -> x.path().equals("routes.g.escalation.to")).findFirst().orElseThrow().message();
        assertTrue(to.contains("premium") && to.contains("stronger, next"), to);
    }

    @Test
    void theBundledAutoRouteEscalatesOnEmptyAndBrokenToolCalls() throws Exception {
        SwitchboardConfig.Escalation e = ConfigLoader.fromTree(ConfigLoader.readDefault(), ConfigLoaderTest.TYPES, ConfigLoaderTest.ENV).routes().get("auto").escalation();
        assertEquals(Set.of("empty", "invalid-tool-call"), e.on());
        assertEquals(1, e.maxEscalations());
        assertEquals("stronger", e.to(), "a poor budget answer goes to the mid tier, not to the same-priced budget peer");
    }
}
