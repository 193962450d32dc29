package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigException;
import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A plugin built as its own module, not on the engine's class path, dropped in a plugin directory
 * and used by a route.
 */
class ThirdPartyPluginTest {
    static final Path PLUGIN_DIR = Path.of(System.getProperty("switchboard.test.pluginDir", "target/plugins.d"));

    @Test
    void pluginJarFromDirectoryServesARoute() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi();
             Node node = Node.start(Configs.openAi(fake,
                     "  sized: {router: longest-prompt, options: {long-model: m-ok, short-model: m-text, threshold-words: 3}}"), PLUGIN_DIR)) {
            HttpResponse<String> r = node.post("/v1/chat/completions", HttpApiTest.chat("sized", "one two three four five"));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
            assertEquals("sized", r.headers().firstValue("x-switchboard-route").orElseThrow());
            assertTrue(r.headers().firstValue("x-switchboard-reason").orElseThrow().contains("sample 5 words"));
            HttpResponse<String> s = node.post("/v1/chat/completions", HttpApiTest.chat("sized", "hi"));
            assertEquals("m-text", s.headers().firstValue("x-switchboard-model").orElseThrow());
            assertTrue(node.get("/health").body().contains("switchboard-sample-plugin"));
        }
    }

    @Test
    void pluginClassIsNotOnTheEngineClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.switchboard.SamplePlugin"));
    }

    @Test
    void routeNamingAMissingRouterListsTheKnownOnes() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            ConfigException e = assertThrows(ConfigException.class, () -> {
                try {
                    Node.start(Configs.openAi(fake, "  sized: {router: longest-prompt}"), null).close();
                } catch (java.util.concurrent.ExecutionException ex) {
                    throw ex.getCause();
                }
            });
            assertTrue(e.getMessage().contains("routes.sized.router: unknown router 'longest-prompt' (known: "), e.getMessage());
            assertTrue(e.getMessage().contains("fixed"), e.getMessage());
        }
    }
}
