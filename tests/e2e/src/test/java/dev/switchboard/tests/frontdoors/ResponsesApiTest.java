package dev.switchboard.tests.frontdoors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.WebSearchTool;
import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI Responses API through Switchboard, with the official OpenAI Java SDK against fake upstreams. */
class ResponsesApiTest {
    static FakeOpenAi fake;
    static Node node;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.frontDoors(fake), null);
        client = OpenAIOkHttpClient.builder().apiKey("unused-by-switchboard").baseUrl(node.url("/v1")).maxRetries(0).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        node.close();
        fake.close();
    }

    static String text(Response r) {
        StringBuilder sb = new StringBuilder();
        r.output().forEach(item -> item.message().ifPresent(m -> m.content().forEach(c -> c.outputText().ifPresent(t -> sb.append(t.text())))));
        return sb.toString();
    }

    @Test
    void stringInputIsTranslatedToChatAndBack() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("m-ok").instructions("be brief")
                .input("hello responses").build());
        assertEquals("echo: hello responses", text(r));
        assertTrue(r.id().startsWith("resp_"), r.id());
        assertEquals(12, r.usage().orElseThrow().inputTokens());
        assertEquals(5, r.usage().orElseThrow().outputTokens());
        JsonArray messages = fake.last("ok").body().getJsonArray("messages");
        assertEquals(new JsonObject().put("role", "system").put("content", "be brief"), messages.getJsonObject(0));
        assertEquals("hello responses", messages.getJsonObject(1).getString("content"));
    }

    @Test
    void streamingSendsTheDocumentedEventsInOrder() {
        List<String> types = new ArrayList<>();
        List<Long> sequence = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        String[] completedText = new String[1];
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("chatty").input("stream me please").build())) {
            stream.stream().forEach(e -> {
                JsonObject json = new JsonObject(json(e));
                types.add(json.getString("type"));
                sequence.add(json.getLong("sequence_number"));
                e.outputTextDelta().ifPresent(d -> deltas.append(d.delta()));
                e.completed().ifPresent(c -> completedText[0] = text(c.response()));
            });
        }
        assertEquals("echo: stream me please", deltas.toString());
        assertEquals("echo: stream me please", completedText[0]);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"),
                types.subList(0, 4));
        assertEquals(List.of("response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"),
                types.subList(types.size() - 4, types.size()));
        assertTrue(types.subList(4, types.size() - 4).stream().allMatch("response.output_text.delta"::equals), types.toString());
        for (int i = 0; i < sequence.size(); i++) {
            assertEquals(i, sequence.get(i).longValue(), "sequence_number of event " + i);
        }
        assertTrue(fake.calls("err500") > 0, "the route's first model failed and the stream fell back");
    }

    private static String json(ResponseStreamEvent e) {
        return com.openai.core.ObjectMappers.jsonMapper().valueToTree(e).toString();
    }

    @Test
    void toolRoundTripWithPreviousResponseId() {
        FunctionTool weather = FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(java.util.Map.of("city", java.util.Map.of("type", "string"))))
                        .build()).build();
        Response first = client.responses().create(ResponseCreateParams.builder().model("m-tools").input("weather in Paris?")
                .addTool(weather).build());
        ResponseFunctionToolCall call = first.output().stream().map(ResponseOutputItem::functionCall).flatMap(java.util.Optional::stream)
                .findFirst().orElseThrow(() -> new AssertionError("no function_call in " + first.output()));
        assertEquals("get_weather", call.name());
        assertEquals("{\"city\":\"Paris\"}", call.arguments());
        assertEquals("call_fake1", call.callId());

        Response second = client.responses().create(ResponseCreateParams.builder().model("m-tools").previousResponseId(first.id())
                .addTool(weather).inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(
                        ResponseInputItem.FunctionCallOutput.builder().callId(call.callId()).output("sunny, 21 C").build())))
                .build());
        assertEquals("echo: sunny, 21 C", text(second));
        JsonArray messages = fake.last("tools").body().getJsonArray("messages");
        assertEquals(3, messages.size(), messages.encode());
        assertEquals("weather in Paris?", messages.getJsonObject(0).getString("content"));
        assertEquals("call_fake1", messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getString("id"));
        assertEquals(new JsonObject().put("role", "tool").put("tool_call_id", "call_fake1").put("content", "sunny, 21 C"),
                messages.getJsonObject(2));
    }

    @Test
    void streamedToolCallArrivesAsFunctionCallEvents() {
        FunctionTool lookup = FunctionTool.builder().name("lookup").strict(false)
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build()).build();
        StringBuilder args = new StringBuilder();
        String[] done = new String[2];
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("m-tools").input("look it up").addTool(lookup).build())) {
            stream.stream().forEach(e -> {
                e.functionCallArgumentsDelta().ifPresent(d -> args.append(d.delta()));
                e.functionCallArgumentsDone().ifPresent(d -> done[0] = d.arguments());
                e.outputItemAdded().ifPresent(a -> a.item().functionCall().ifPresent(f -> done[1] = f.name() + "/" + f.callId()));
            });
        }
        assertEquals("{\"city\":\"Paris\"}", args.toString());
        assertEquals("{\"city\":\"Paris\"}", done[0]);
        assertEquals("lookup/call_fake1", done[1]);
    }

    @Test
    void previousResponseIdCarriesTheConversationAndStoredResponsesCanBeReadAndDeleted() {
        Response first = client.responses().create(ResponseCreateParams.builder().model("m-ok").input("my name is Ann").build());
        Response second = client.responses().create(ResponseCreateParams.builder().model("m-ok").previousResponseId(first.id())
                .input("what is my name?").build());
        JsonArray messages = fake.last("ok").body().getJsonArray("messages");
        assertEquals(List.of("user", "assistant", "user"), messages.stream().map(m -> ((JsonObject) m).getString("role")).toList());
        assertEquals("echo: my name is Ann", messages.getJsonObject(1).getString("content"));
        assertEquals(first.id(), second.previousResponseId().orElseThrow());

        Response again = client.responses().retrieve(second.id());
        assertEquals(text(second), text(again));
        client.responses().delete(second.id());
        assertThrows(NotFoundException.class, () -> client.responses().retrieve(second.id()));
    }

    @Test
    void storeFalseKeepsNothing() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("m-ok").input("forget me").store(false).build());
        assertThrows(NotFoundException.class, () -> client.responses().retrieve(r.id()));
    }

    @Test
    void unknownPreviousResponseIdIs404() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.responses().create(ResponseCreateParams.builder()
                .model("m-ok").previousResponseId("resp_nope").input("hi").build()));
        assertTrue(e.getMessage().contains("resp_nope"), e.getMessage());
    }

    @Test
    void storeIsBoundedByCountOldestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(client.responses().create(ResponseCreateParams.builder().model("m-ok").input("turn " + i).build()).id());
        }
        assertThrows(NotFoundException.class, () -> client.responses().retrieve(ids.get(0)), "max-stored is 3");
        for (String id : ids.subList(1, 4)) {
            assertEquals(id, client.responses().retrieve(id).id());
        }
    }

    @Test
    void builtInToolsAndBackgroundModeAreClear400s() throws Exception {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.responses().create(ResponseCreateParams.builder()
                .model("m-ok").input("search").addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build()).build()));
        assertEquals("tools[0].type", e.param().orElseThrow());
        assertTrue(e.getMessage().contains("web_search"), e.getMessage());
        HttpResponse<String> bg = node.post("/v1/responses", "{\"model\":\"m-ok\",\"input\":\"x\",\"background\":true}");
        assertEquals(400, bg.statusCode());
        assertEquals("background", new JsonObject(bg.body()).getJsonObject("error").getString("param"));
        HttpResponse<String> noInput = node.post("/v1/responses", "{\"model\":\"m-ok\"}");
        assertEquals(400, noInput.statusCode());
        assertEquals("input", new JsonObject(noInput.body()).getJsonObject("error").getString("param"));
        HttpResponse<String> orphan = node.post("/v1/responses", "{\"model\":\"m-ok\",\"input\":[{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_x\",\"output\":\"1\"}]}");
        assertEquals(400, orphan.statusCode());
        assertEquals("input[0].call_id", new JsonObject(orphan.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void jsonSchemaAndReasoningEffortReachTheChatUpstream() throws Exception {
        HttpResponse<String> r = node.post("/v1/responses", new JsonObject().put("model", "m-ok").put("input", "json please")
                .put("reasoning", new JsonObject().put("effort", "low"))
                .put("text", new JsonObject().put("format", new JsonObject().put("type", "json_schema").put("name", "answer")
                        .put("strict", true).put("schema", new JsonObject().put("type", "object")))).encode());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject sent = fake.last("ok").body();
        assertEquals("low", sent.getString("reasoning_effort"));
        assertEquals(new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject().put("name", "answer")
                .put("schema", new JsonObject().put("type", "object")).put("strict", true)), sent.getJsonObject("response_format"));
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertFalse(r.headers().firstValue("x-switchboard-cost-usd").orElseThrow().equals("unknown"));
    }

    @Test
    void fallbackAndAttemptsHeadersAsForChat() throws Exception {
        HttpResponse<String> r = node.post("/v1/responses", "{\"model\":\"chatty\",\"input\":\"fall over\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertEquals("chatty", r.headers().firstValue("x-switchboard-route").orElseThrow());
        assertTrue(r.headers().firstValue("x-switchboard-attempts").orElseThrow().startsWith("m-500:"), r.headers().map().toString());
    }

    @Test
    void nativeUpstreamGetsTheResponsesRequestWithTheConversationExpanded() {
        Response first = client.responses().create(ResponseCreateParams.builder().model("m-native").input("first turn").build());
        assertEquals("native: first turn", text(first));
        assertEquals(26, first.usage().orElseThrow().totalTokens());
        Response second = client.responses().create(ResponseCreateParams.builder().model("m-native").previousResponseId(first.id())
                .input("second turn").build());
        assertEquals("native: second turn", text(second));
        FakeOpenAi.Received call = fake.last("ok-native");
        assertEquals("/v1/responses", call.path());
        assertFalse(call.body().containsKey("previous_response_id"), call.raw());
        assertEquals(false, call.body().getBoolean("store"));
        JsonArray input = call.body().getJsonArray("input");
        assertEquals(3, input.size(), input.encode());
        assertEquals("assistant", input.getJsonObject(1).getString("role"));
        assertFalse(input.getJsonObject(1).containsKey("id"), "made-up item ids are not sent upstream");
    }

    @Test
    void nativeUpstreamStreamsItsOwnResponsesEvents() {
        StringBuilder deltas = new StringBuilder();
        Response[] completed = new Response[1];
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("m-native").input("stream natively").build())) {
            stream.stream().forEach(e -> {
                e.outputTextDelta().ifPresent(d -> deltas.append(d.delta()));
                e.completed().ifPresent(c -> completed[0] = c.response());
            });
        }
        assertEquals("native: stream natively", deltas.toString());
        assertEquals("native: stream natively", text(completed[0]));
        assertEquals(26, completed[0].usage().orElseThrow().totalTokens());
        FakeOpenAi.Received call = fake.last("ok-native");
        assertEquals("/v1/responses", call.path());
        assertEquals(true, call.body().getBoolean("stream"));
        assertEquals("native: stream natively", text(client.responses().retrieve(completed[0].id())), "stored after the stream");
    }
}
