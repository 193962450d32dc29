package dev.switchboard.bench;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Wire payloads for the request, adapter and SSE benchmarks: client request bodies as they arrive
 * over HTTP, and upstream answers in each provider's real format (shapes copied from the plugin
 * modules' golden test fixtures, with the text lengthened to a typical answer).
 */
final class Payloads {
    /** A 1x1 PNG as a data URL (from the plugins' image fixtures): the image part costs parsing, not megabytes. */
    static final String PNG_DATA_URL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    /** A typical answer: about 1 KB of text (about 200 tokens). */
    static final String ANSWER = Prompts.LONG.substring(0, 1024);

    static final ModelDescriptor OPENAI_MODEL = new ModelDescriptor("gpt-4o-mini", "openai", "gpt-4o-mini-2024-07-18",
            128_000, 16_384, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON), 0.15, 0.6, null, List.of());
    static final ModelDescriptor ANTHROPIC_MODEL = new ModelDescriptor("claude-sonnet", "anthropic", "claude-sonnet-4-5",
            200_000, 64_000, Set.of(Capability.VISION, Capability.TOOLS), 3.0, 15.0, null, List.of());
    static final ModelDescriptor GEMINI_MODEL = new ModelDescriptor("gemini-flash", "gemini", "gemini-2.5-flash",
            1_048_576, 65_536, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON), 0.3, 2.5, null, List.of());

    private Payloads() {
    }

    // ---- client requests -------------------------------------------------------------------

    /**
     * A client request body, encoded as it arrives over HTTP.
     *
     * @param kind {@code 200tok} (~200-token coding question), {@code 2kb} (2048-character prompt) or
     *             {@code tools+image} (two tools, an image part and one tool round trip)
     */
    static Buffer requestBody(String kind) {
        return Buffer.buffer(requestJson(kind).encode());
    }

    static JsonObject requestJson(String kind) {
        return switch (kind) {
            case "200tok" -> withSampling(Prompts.request("bench", Prompts.SHORT));
            case "2kb" -> withSampling(Prompts.request("bench", Prompts.LONG));
            case "tools+image" -> withSampling(toolsAndImage());
            default -> throw new IllegalArgumentException("request must be 200tok, 2kb or tools+image, got " + kind);
        };
    }

    private static JsonObject withSampling(JsonObject body) {
        return body.put("max_tokens", 1024).put("temperature", 0.2);
    }

    /** An agent turn: system prompt, a question with a screenshot, a tool call and its result, a follow-up. */
    private static JsonObject toolsAndImage() {
        JsonObject weatherParams = new JsonObject("""
                {"type": "object", "additionalProperties": false,
                 "properties": {"city": {"type": "string", "description": "City name"},
                                "unit": {"type": "string", "enum": ["c", "f"]}},
                 "required": ["city"]}""");
        JsonArray tools = new JsonArray()
                .add(new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "get_weather")
                        .put("description", "Current weather for a city").put("parameters", weatherParams)))
                .add(new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "get_time")
                        .put("description", "Local time in a city").put("parameters", new JsonObject("""
                                {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}"""))));
        JsonArray messages = new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "You are a travel assistant. Use the tools when useful."))
                .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text",
                                "This is a photo from my hotel window. Which city is it, and what is the weather there right now?"))
                        .add(new JsonObject().put("type", "image_url").put("image_url",
                                new JsonObject().put("url", PNG_DATA_URL).put("detail", "high")))))
                .add(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
                        .add(new JsonObject().put("id", "call_1").put("type", "function").put("function",
                                new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Lisbon\",\"unit\":\"c\"}")))))
                .add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1")
                        .put("content", "{\"temp_c\": 21, \"sky\": \"sunny\", \"wind_kmh\": 12}"))
                .add(new JsonObject().put("role", "user").put("content", "Great. And what time is it there?"));
        return new JsonObject().put("model", "bench").put("user", "alice").put("messages", messages)
                .put("tools", tools).put("tool_choice", "auto");
    }

    // ---- non-streaming upstream answers ----------------------------------------------------

    /** An OpenAI {@code chat.completion}: {@code text} or {@code tool_call}. */
    static Buffer openAiResponse(String kind) {
        JsonObject message = new JsonObject().put("role", "assistant");
        String finish;
        if ("text".equals(kind)) {
            message.put("content", ANSWER).putNull("refusal");
            finish = "stop";
        } else {
            message.putNull("content").put("tool_calls", new JsonArray().add(new JsonObject().put("id", "call_1")
                    .put("type", "function").put("function", new JsonObject().put("name", "get_weather")
                            .put("arguments", "{\"city\":\"Oslo\"}"))));
            finish = "tool_calls";
        }
        return Buffer.buffer(new JsonObject().put("id", "chatcmpl-AbC123").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "gpt-4o-mini-2024-07-18").put("system_fingerprint", "fp_1")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
                        .putNull("logprobs").put("finish_reason", finish)))
                .put("usage", new JsonObject().put("prompt_tokens", 210).put("completion_tokens", 230).put("total_tokens", 440)
                        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 0)))
                .encode());
    }

    /** An Anthropic Messages answer (fixtures {@code text.anthropic.json}, {@code tool-use.anthropic.json}). */
    static Buffer anthropicResponse(String kind) {
        if ("text".equals(kind)) {
            return Buffer.buffer(new JsonObject().put("id", "msg_013Zva2CMHLNnXjNJJKqJ2EF").put("type", "message")
                    .put("role", "assistant").put("model", "claude-sonnet-4-5-20250929")
                    .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", ANSWER)))
                    .put("stop_reason", "end_turn").putNull("stop_sequence")
                    .put("usage", new JsonObject().put("input_tokens", 210).put("output_tokens", 230)).encode());
        }
        return Buffer.buffer("""
                {"id": "msg_01Aq9w938a90dw8q", "model": "claude-sonnet-4-5-20250929", "stop_reason": "tool_use",
                 "role": "assistant", "type": "message",
                 "content": [
                   {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                    "input": {"location": "San Francisco, CA", "unit": "celsius"}}],
                 "usage": {"input_tokens": 472, "output_tokens": 89}}""");
    }

    /** A Gemini {@code generateContent} answer (fixtures {@code text.gemini.json}, {@code function-call.gemini.json}). */
    static Buffer geminiResponse(String kind) {
        if ("text".equals(kind)) {
            return Buffer.buffer(new JsonObject()
                    .put("candidates", new JsonArray().add(new JsonObject()
                            .put("content", new JsonObject().put("role", "model")
                                    .put("parts", new JsonArray().add(new JsonObject().put("text", ANSWER))))
                            .put("finishReason", "STOP").put("index", 0)
                            .put("safetyRatings", new JsonArray().add(new JsonObject()
                                    .put("category", "HARM_CATEGORY_HARASSMENT").put("probability", "NEGLIGIBLE")))))
                    .put("usageMetadata", new JsonObject().put("promptTokenCount", 210).put("candidatesTokenCount", 230)
                            .put("totalTokenCount", 440).put("promptTokensDetails", new JsonArray()
                                    .add(new JsonObject().put("modality", "TEXT").put("tokenCount", 210))))
                    .put("modelVersion", "gemini-2.5-flash").put("responseId", "mDvHaIWqLdSb1MkPt9a8gAs").encode());
        }
        return Buffer.buffer("""
                {"candidates": [{"content": {"parts": [
                    {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "CiIB0e2Kb7wVq2x0Y8qX5Zr"},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Rome", "unit": "c"}}}],
                  "role": "model"}, "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 61, "candidatesTokenCount": 34, "totalTokenCount": 95},
                 "modelVersion": "gemini-2.5-flash", "responseId": "xQ3HaNn1A4b-1MkP0bSXwA8"}""");
    }

    // ---- upstream streams ------------------------------------------------------------------

    /** Text deltas per stream. */
    static final int CONTENT_DELTAS = 64;
    /** Chunks one stream decodes to, for both providers: role, {@value #CONTENT_DELTAS} deltas, finish, usage. */
    static final int CHUNKS_PER_STREAM = CONTENT_DELTAS + 3;

    /** The text pieces of a streamed answer: about one token (4 characters) each. */
    private static List<String> deltas() {
        List<String> out = new ArrayList<>(CONTENT_DELTAS);
        for (int i = 0; i < CONTENT_DELTAS; i++) {
            out.add(ANSWER.substring(i * 4, i * 4 + 4));
        }
        return out;
    }

    /** The SSE events of an OpenAI {@code chat.completion.chunk} stream with usage, as OpenAI frames them. */
    static List<String> openAiEvents() {
        String head = "{\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\",\"choices\":";
        List<String> events = new ArrayList<>();
        events.add("data: " + head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (String d : deltas()) {
            events.add("data: " + head + "[{\"index\":0,\"delta\":{\"content\":" + Json.encode(d)
                    + "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        events.add("data: " + head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        events.add("data: " + head + "[],\"usage\":{\"prompt_tokens\":210,\"completion_tokens\":64,\"total_tokens\":274,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The SSE events of an Anthropic Messages stream (fixture {@code text-with-ping.sse}, more deltas). */
    static List<String> anthropicEvents() {
        List<String> events = new ArrayList<>();
        events.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":210,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n");
        events.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        events.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
        for (String d : deltas()) {
            events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + Json.encode(d) + "}}\n\n");
        }
        events.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        events.add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":64}}\n\n");
        events.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return events;
    }

    /**
     * The stream's bytes as upstream reads deliver them.
     *
     * @param delivery {@code per-event}: one buffer per SSE event (an upstream flushing every
     *                 token); {@code 1460b}: the whole stream cut into 1460-byte pieces (TCP
     *                 segments), so events are split across and coalesced within reads
     */
    static List<Buffer> pieces(List<String> events, String delivery) {
        List<Buffer> out = new ArrayList<>();
        switch (delivery) {
            case "per-event" -> events.forEach(e -> out.add(Buffer.buffer(e.getBytes(StandardCharsets.UTF_8))));
            case "1460b" -> {
                byte[] all = String.join("", events).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < all.length; i += 1460) {
                    byte[] piece = new byte[Math.min(1460, all.length - i)];
                    System.arraycopy(all, i, piece, 0, piece.length);
                    out.add(Buffer.buffer(piece));
                }
            }
            default -> throw new IllegalArgumentException("delivery must be per-event or 1460b, got " + delivery);
        }
        return out;
    }
}
