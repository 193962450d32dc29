package dev.switchboard.toolkit.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upstream objects parsed once and answered as their own bytes, with the cost spliced into usage. */
class SourceJsonTest {

    /** OpenAI's documented chat.completion, formatted as an upstream might (spaces, a brace in a string, nested usage-like keys). */
    private static final String OPENAI = """
            {"id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283,
             "model": "gpt-4o-2024-08-06",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "A } and a \\"usage\\": {} in text \\u00e9",
                          "refusal": null, "annotations": [], "usage": {"nested": true}},
                          "logprobs": null, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 1117, "completion_tokens": 46, "total_tokens": 1163,
                       "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0}} ,
             "service_tier": "default", "system_fingerprint": "fp_fc9f1d7035"}
            """;

    private static ChatResponse read(String text) {
        return ChatResponse.fromOpenAi(SourceJson.parse(Buffer.buffer(text)));
    }

    @Test
    void theCostIsSplicedIntoTheUpstreamBytesBeforeTheUsageObjectCloses() {
        ChatResponse r = read(OPENAI);
        Buffer out = r.withUsage(r.usage().withCost(0.00031)).toBuffer();
        String expected = OPENAI.replace("\"audio_tokens\": 0}} ,", "\"audio_tokens\": 0},\"cost\":3.1E-4} ,");
        assertEquals(expected, out.toString(), "the upstream's formatting is kept, only the cost is added");
        assertEquals(r.withUsage(r.usage().withCost(0.00031)).toJson(), new JsonObject(out), "the same object toJson() builds");
    }

    @Test
    void withoutACostTheBytesAreAnsweredAsTheyCame() {
        ChatResponse r = read(OPENAI);
        assertArrayEquals(OPENAI.getBytes(java.nio.charset.StandardCharsets.UTF_8), r.toBuffer().getBytes());
        assertArrayEquals(OPENAI.getBytes(java.nio.charset.StandardCharsets.UTF_8), r.withUsage(r.usage().withCost(null)).toBuffer().getBytes());
    }

    @Test
    void anEmptyUsageObjectGetsTheCostWithoutAComma() {
        String text = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{}}";
        ChatResponse r = read(text);
        String out = r.withUsage(new Usage(0, 0, 0, 0.5)).toBuffer().toString();
        assertEquals(text.replace("\"usage\":{}", "\"usage\":{\"cost\":0.5}"), out);
    }

    @Test
    void anUpstreamCostOrAMissingUsageFallsBackToTheSerialisedObject() {
        // OpenRouter reports its own usage.cost: ours replaces it, which the bytes cannot do in place
        String withCost = OPENAI.replace("\"total_tokens\": 1163,", "\"total_tokens\": 1163, \"cost\": 0.9,");
        ChatResponse r = read(withCost);
        ChatResponse priced = r.withUsage(r.usage().withCost(0.25));
        assertEquals(priced.toJson(), new JsonObject(priced.toBuffer()));
        assertEquals(0.25, new JsonObject(priced.toBuffer()).getJsonObject("usage").getDouble("cost"));

        JsonObject noUsage = new JsonObject(OPENAI);
        noUsage.remove("usage");
        ChatResponse filled = read(noUsage.encode()).withUsage(new Usage(10, 2, 0, 0.5));
        assertEquals(new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 2).put("total_tokens", 12).put("cost", 0.5),
                new JsonObject(filled.toBuffer()).getJsonObject("usage"));
    }

    @Test
    void parsesLikeVertxDecoder() {
        for (String text : List.of(OPENAI, "{}", "{\"a\":[1,-2,3.5,1e3,12345678901,123456789012345678901234567890,true,false,null]}",
                "{\"a\":{\"b\":{\"c\":[[],[{}],\"x\\ny\"]}},\"a2\":\"\\ud83d\\ude00\"}", "{\"k\":1,\"k\":2}", " \n{\"s\":\"é\"}\n ")) {
            assertEquals(Json.decodeValue(text), SourceJson.parse(Buffer.buffer(text)).json(), text);
        }
        assertEquals(-1, SourceJson.parse(Buffer.buffer("{\"usage\":null}")).usageClose());
        assertNull(SourceJson.of(new JsonObject()).answer(new Usage(1, 1, 0, 0.1)), "no bytes: the caller serialises");
    }

    @Test
    void malformedInputIsADecodeException() {
        for (String bad : List.of("", "[]", "\"s\"", "{\"a\":1} {}", "{\"a\":", "{\"a\":[1,2}", "{\"a\" 1}", "{'a':1}", "nul")) {
            assertThrows(DecodeException.class, () -> SourceJson.parse(Buffer.buffer(bad)), bad);
        }
    }

    @Test
    void theModelIsReplacedInTheClientsBytesAndNothingElse() {
        String body = "{ \"messages\": [{\"role\": \"user\", \"content\": \"say \\\"model\\\": x\"}],\n  \"model\" : \"fast\", \"x_custom\": {\"model\": \"inner\"} }";
        SourceJson s = SourceJson.parse(Buffer.buffer(body));
        assertEquals('"', body.charAt(s.modelStart()));
        assertEquals(body.replace("\"model\" : \"fast\"", "\"model\" : \"gpt-4o-mini-2024-07-18\""),
                s.withModel("gpt-4o-mini-2024-07-18").toString());
        assertEquals("a\"b/é", new JsonObject(s.withModel("a\"b/é")).getString("model"), "the new name is escaped");
        assertNull(SourceJson.parse(Buffer.buffer("{\"model\": 5}")).withModel("m"), "not a string: nothing to replace");
        assertNull(SourceJson.parse(Buffer.buffer("{\"messages\": []}")).withModel("m"));
        assertNull(SourceJson.parse(Buffer.buffer("{\"model\": \"a\", \"model\": \"b\"}")).withModel("m"), "repeated key");
        assertNull(SourceJson.of(new JsonObject().put("model", "a")).withModel("m"), "no bytes");
    }
}
