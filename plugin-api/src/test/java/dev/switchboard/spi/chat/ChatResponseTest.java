package dev.switchboard.spi.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ChatResponseTest {

    /** A chat.completion as the OpenAI API documents it, with the usage details it reports. */
    private static final String OPENAI = """
            {"id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283,
             "model": "gpt-4o-2024-08-06",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello!", "refusal": null, "annotations": []},
                          "logprobs": null, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 1117, "completion_tokens": 46, "total_tokens": 1163,
                       "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                       "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                                     "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
             "service_tier": "default", "system_fingerprint": "fp_fc9f1d7035"}
            """;

    @Test
    void aCompleteUpstreamObjectIsAnsweredAsItIsWithTheCostAdded() {
        JsonObject upstream = new JsonObject(OPENAI);
        ChatResponse r = ChatResponse.fromOpenAiJson(upstream);
        assertNotNull(r.source());
        assertEquals(1117, r.usage().promptTokens());

        JsonObject out = r.withUsage(r.usage().withCost(0.00031)).toJson();
        JsonObject expected = new JsonObject(OPENAI);
        expected.getJsonObject("usage").put("cost", 0.00031);
        assertEquals(expected, out);
        assertFalse(upstream.getJsonObject("usage").containsKey("cost"), "the source is not changed");
        assertEquals(new JsonObject(OPENAI), r.toJson(), "no cost known: the upstream object as it came");
    }

    @Test
    void anIncompleteObjectIsRebuiltWithDefaults() {
        JsonObject partial = new JsonObject("""
                {"choices": [{"message": {"content": "hi"}}], "usage": {"prompt_tokens": 3, "completion_tokens": 1}}
                """);
        ChatResponse r = ChatResponse.fromOpenAiJson(partial);
        assertNull(r.source());

        JsonObject out = r.toJson();
        assertEquals("chat.completion", out.getString("object"));
        assertEquals("chatcmpl-unknown", out.getString("id"));
        assertTrue(out.getLong("created") > 1_700_000_000L);
        assertEquals("assistant", out.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("role"));
        assertEquals(4, out.getJsonObject("usage").getInteger("total_tokens"));
    }

    @Test
    void aMissingUpstreamUsageIsFilledFromTheEngines() {
        JsonObject upstream = new JsonObject(OPENAI);
        upstream.remove("usage");
        ChatResponse r = ChatResponse.fromOpenAiJson(upstream);
        JsonObject out = r.withUsage(new Usage(10, 2, 0, 0.5)).toJson();
        assertEquals(new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 2).put("total_tokens", 12).put("cost", 0.5),
                out.getJsonObject("usage"));
    }
}
