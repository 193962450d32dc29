package dev.switchboard.tests.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.DocumentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.core.JsonValue;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Anthropic Java SDK against Switchboard's {@code /v1/messages}, served by a fake
 * upstream of every provider type: Anthropic (passed through), Gemini, Ollama, OpenRouter and
 * OpenAI (translated through the canonical request).
 */
class AnthropicSdkTest {
    static AnthropicNode sb;

    @BeforeAll
    static void start() throws Exception {
        sb = new AnthropicNode();
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
    }

    /** The usage each fake reports: the OpenAI fake its own, the provider fakes theirs. */
    static long[] fakeUsage(String model) {
        return "gpt".equals(model) ? new long[] {12, 5} : new long[] {FakeUpstream.PROMPT_TOKENS, FakeUpstream.COMPLETION_TOKENS};
    }

    static MessageCreateParams plain(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(512).addUserMessage(text).build();
    }

    /** The JSON of {@link #plain} with text "x". */
    static String plainJson(String model) {
        return new JsonObject().put("model", model).put("max_tokens", 512)
                .put("messages", new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "user").put("content", "x"))).encode();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "flash", "llama", "or-llama", "gpt"})
    void messageFromEveryProviderType(String model) {
        HttpResponseFor<Message> raw = sb.client.messages().withRawResponse().create(plain(model, "hello " + model));
        Message m = raw.parse();
        assertEquals("echo: hello " + model, text(m));
        assertEquals(StopReason.END_TURN, m.stopReason().orElseThrow());
        long[] usage = fakeUsage(model);
        assertEquals(usage[0], m.usage().inputTokens() + m.usage().cacheReadInputTokens().orElse(0L));
        assertEquals(usage[1], m.usage().outputTokens());
        assertEquals(List.of(model), raw.headers().values("x-switchboard-model"));
        assertEquals(List.of(model + ":ok"), raw.headers().values("x-switchboard-attempts").stream()
                .map(a -> a.replaceAll(":\\d+ms$", "")).collect(Collectors.toList()));
        assertFalse(raw.headers().values("x-switchboard-cost-usd").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "flash", "llama", "or-llama", "gpt"})
    void streamFromEveryProviderType(String model) {
        List<String> events = new ArrayList<>();
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = sb.client.messages().createStreaming(plain(model, "stream me " + model))) {
            stream.stream().forEach(e -> {
                events.add(kind(e));
                acc.accumulate(e);
            });
        }
        Message m = acc.message();
        assertEquals("echo: stream me " + model, text(m));
        assertEquals(StopReason.END_TURN, m.stopReason().orElseThrow());
        assertEquals(fakeUsage(model)[1], m.usage().outputTokens());
        assertEquals("message_start", events.get(0));
        assertEquals("message_stop", events.get(events.size() - 1));
        assertEquals("message_delta", events.get(events.size() - 2));
        assertEquals("content_block_start", events.get(1));
        assertTrue(events.stream().filter("content_block_delta"::equals).count() > 2, "text arrives in pieces: " + events);
        assertEquals(events.indexOf("content_block_stop"), events.lastIndexOf("content_block_stop"), "one text block: " + events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "flash", "llama", "or-llama"})
    void toolRoundTrip(String model) throws Exception {
        MessageCreateParams.Builder params = MessageCreateParams.builder().model(model).maxTokens(512).addTool(weatherTool())
                .addUserMessage("What is the weather in Paris?");
        Message call = sb.client.messages().create(params.build());
        assertEquals(StopReason.TOOL_USE, call.stopReason().orElseThrow());
        ToolUseBlock use = call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertEquals("get_weather", use.name());
        assertEquals(Reply.TOOL_ARGS, json(use._input()));

        Message answer = sb.client.messages().create(params.addMessage(call).addUserMessageOfContentBlockParams(List.of(
                ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id()).content("Sunny, 21 C").build())))
                .build());
        assertEquals("final: Sunny, 21 C", text(answer));
        assertEquals(StopReason.END_TURN, answer.stopReason().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "flash", "or-llama"})
    void streamedToolCallArrivesAsInputJsonDeltas(String model) throws Exception {
        MessageCreateParams params = MessageCreateParams.builder().model(model).maxTokens(512).addTool(weatherTool())
                .addUserMessage("Please explain, then look up the weather in Paris").build();
        MessageAccumulator acc = MessageAccumulator.create();
        List<String> deltas = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = sb.client.messages().createStreaming(params)) {
            stream.stream().forEach(e -> {
                acc.accumulate(e);
                e.contentBlockDelta().ifPresent(d -> deltas.add(d.delta().isInputJson() ? "json" : "text"));
            });
        }
        Message m = acc.message();
        assertEquals(StopReason.TOOL_USE, m.stopReason().orElseThrow());
        assertEquals(Reply.PREAMBLE, text(m));
        ToolUseBlock use = m.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertEquals("get_weather", use.name());
        assertEquals(Reply.TOOL_ARGS, json(use._input()));
        assertTrue(deltas.contains("json"), "arguments stream as input_json_delta: " + deltas);
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "flash", "or-llama"})
    void imageBlocksReachEveryProvider(String model) {
        Message m = sb.client.messages().create(MessageCreateParams.builder().model(model).maxTokens(256)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText("what is this?"),
                        ContentBlockParam.ofImage(Base64ImageSource.builder().mediaType(Base64ImageSource.MediaType.IMAGE_PNG)
                                .data(SdkConversations.PNG_BASE64).build())))
                .build());
        assertEquals("echo: what is this? [1 image(s)]", text(m));
    }

    @Test
    void pdfDocumentBecomesAnOpenAiFilePart() {
        sb.client.messages().create(MessageCreateParams.builder().model("gpt").maxTokens(256)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofDocument(DocumentBlockParam.builder().base64Source("JVBERi0xLjQK").title("spec.pdf").build()),
                        ContentBlockParam.ofText("summarise")))
                .build());
        JsonObject part = sb.openAi.last("ok").body().getJsonArray("messages").getJsonObject(0).getJsonArray("content").getJsonObject(0);
        assertEquals(new JsonObject().put("type", "file").put("file", new JsonObject().put("filename", "spec.pdf")
                .put("file_data", "data:application/pdf;base64,JVBERi0xLjQK")), part);
    }

    @Test
    void routeNameAsModelAndBearerAuth() {
        HttpResponseFor<Message> raw = sb.bearerClient.messages().withRawResponse().create(plain("claude-first", "via a route"));
        assertEquals("echo: via a route", text(raw.parse()));
        assertEquals(List.of("claude-first"), raw.headers().values("x-switchboard-route"));
        assertEquals(List.of("claude"), raw.headers().values("x-switchboard-model"));
    }

    @Test
    void countTokensForModelsAndRoutes() {
        long short1 = sb.client.messages().countTokens(MessageCountTokensParams.builder().model("claude")
                .addUserMessage("hello").build()).inputTokens();
        long long1 = sb.client.messages().countTokens(MessageCountTokensParams.builder().model("claude-first")
                .addUserMessage("hello there, this sentence has quite a few more tokens than the other one").build()).inputTokens();
        long withTool = sb.client.messages().countTokens(MessageCountTokensParams.builder().model("gpt")
                .addUserMessage("hello").addTool(weatherTool()).build()).inputTokens();
        assertTrue(short1 > 0, "tokens: " + short1);
        assertTrue(long1 > short1 + 10, short1 + " vs " + long1);
        assertTrue(withTool >= short1, short1 + " vs " + withTool);
    }

    static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city")).build())
                .build();
    }

    static String text(Message m) {
        return m.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text()).collect(Collectors.joining());
    }

    static JsonObject json(JsonValue value) throws Exception {
        return new JsonObject(ObjectMappers.jsonMapper().writeValueAsString(value));
    }

    static String kind(RawMessageStreamEvent e) {
        if (e.isMessageStart()) {
            return "message_start";
        }
        if (e.isContentBlockStart()) {
            return "content_block_start";
        }
        if (e.isContentBlockDelta()) {
            return "content_block_delta";
        }
        if (e.isContentBlockStop()) {
            return "content_block_stop";
        }
        return e.isMessageDelta() ? "message_delta" : "message_stop";
    }
}
