package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OllamaDiscoveryTest {

    private static final OllamaSettings DISCOVERING =
            new OllamaSettings("local", "http://127.0.0.1:11434", Map.of("x-token", "t"), null, true, 16384, false);

    @Test
    void noDiscoveryUnlessAskedFor() {
        assertTrue(Fixtures.adapter().discoveryRequest().isEmpty());
    }

    @Test
    void discoveryListsApiTags() {
        UpstreamRequest request = new OllamaAdapter(DISCOVERING).discoveryRequest().orElseThrow();

        assertEquals(HttpMethod.GET, request.method());
        assertEquals("http://127.0.0.1:11434/api/tags", request.url());
        assertEquals("t", request.headers().get("x-token"));
        assertNull(request.body());
    }

    @Test
    void decodesOneChatModelPerPulledModel() {
        List<ModelDescriptor> models = new OllamaAdapter(DISCOVERING).decodeDiscovery(Buffer.buffer(GoldenFixtures.text("discovery/tags.json")));

        assertEquals(List.of("local/llama3.2:latest", "local/llava:7b", "local/llama3.2-vision:11b", "local/qwen2.5-coder:7b",
                "local/nomic-embed-text:latest"), models.stream().map(ModelDescriptor::id).collect(Collectors.toList()));
        assertEquals(Set.of(Capability.EMBEDDINGS), models.get(4).capabilities(), "nomic-bert family: an embedding model");
        ModelDescriptor llama = models.get(0);
        assertEquals("local", llama.provider());
        assertEquals("llama3.2:latest", llama.upstreamModel());
        assertEquals(16384, llama.contextWindow());
        assertEquals(16384, llama.maxOutputTokens());
        assertEquals(Set.of(Capability.JSON), llama.capabilities());
        assertTrue(llama.free());
        assertEquals(Set.of(Capability.JSON, Capability.VISION), models.get(1).capabilities(), "clip family");
        assertEquals(Set.of(Capability.JSON, Capability.VISION), models.get(2).capabilities(), "mllama family");
    }

    @Test
    void declaredCapabilitiesAreTrusted() {
        JsonObject entry = new JsonObject().put("name", "qwen3:8b").put("capabilities", List.of("completion", "tools", "thinking"));
        JsonObject embedder = new JsonObject().put("name", "bge-m3").put("capabilities", List.of("embedding"));

        assertEquals(Set.of(Capability.JSON, Capability.TOOLS), OllamaDiscovery.capabilities(entry, "qwen3:8b"));
        assertEquals(Set.of(Capability.EMBEDDINGS), OllamaDiscovery.capabilities(embedder, "bge-m3"));
        assertNull(OllamaDiscovery.capabilities(new JsonObject().put("capabilities", List.of("insert")), "odd"));
    }

    @Test
    void aBodyWithoutModelsIsMalformed() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> new OllamaAdapter(DISCOVERING).decodeDiscovery(Buffer.buffer("{\"error\":\"unauthorized\"}")));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("/api/tags"), e.getMessage());
    }
}
