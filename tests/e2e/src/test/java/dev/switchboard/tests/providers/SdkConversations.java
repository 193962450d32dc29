package dev.switchboard.tests.providers;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversations every provider test has with Switchboard through the official OpenAI Java SDK,
 * exactly as an application would write them.
 */
final class SdkConversations {
    /** A 1x1 PNG. */
    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    static final String TOOL_NAME = "get_weather";
    static final String TOOL_RESULT = "18 C and sunny";

    private SdkConversations() {
    }

    /**
     * A finished tool round trip.
     *
     * @param call  the first answer, holding the tool call
     * @param answer the answer to the tool result
     */
    record ToolRoundTrip(ChatCompletion call, ChatCompletion answer) {
        ChatCompletionMessageFunctionToolCall toolCall() {
            return call.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        }
    }

    /**
     * A streamed answer, assembled as a client would: content deltas concatenated, the first tool
     * call's id and name taken from its deltas and its argument fragments concatenated.
     *
     * @param text          the concatenated content deltas
     * @param finishReason  the last finish reason seen
     * @param usage         the usage chunk, when one came
     * @param chunks        how many chunks arrived
     * @param toolCallId    the first tool call's id, or null
     * @param toolName      the first tool call's name, or null
     * @param toolArguments the first tool call's arguments, or empty
     */
    record Streamed(String text, String finishReason, Optional<CompletionUsage> usage, int chunks,
                    String toolCallId, String toolName, String toolArguments) {
    }

    static ChatCompletion plain(OpenAIClient client, String model, String text) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build());
    }

    static ChatCompletion withSystem(OpenAIClient client, String model, String system, String text) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage(system).addUserMessage(text).build());
    }

    /** A user message with a text part and a PNG given as a base64 {@code data:} URL. */
    static ChatCompletion withImage(OpenAIClient client, String model, String text) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text).build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64," + PNG_BASE64).build()).build())))
                .build());
    }

    /** Asks a question with a tool, then sends the tool's result back and gets the final answer. */
    static ToolRoundTrip toolRoundTrip(OpenAIClient client, String model) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("What is the weather in Paris?").addFunctionTool(weatherTool());
        ChatCompletion first = client.chat().completions().create(params.build());
        ChatCompletionMessageFunctionToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        params.addMessage(first.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(TOOL_RESULT).build());
        return new ToolRoundTrip(first, client.chat().completions().create(params.build()));
    }

    static ChatCompletionCreateParams jsonModeParams(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Answer in JSON.")
                .addUserMessage(text).responseFormat(ResponseFormatJsonObject.builder().build()).build();
    }

    static ChatCompletion jsonMode(OpenAIClient client, String model, String text) {
        return client.chat().completions().create(jsonModeParams(model, text));
    }

    /** Streams an answer to a text, with usage requested, and assembles it. */
    static Streamed stream(OpenAIClient client, String model, String text) {
        return stream(client, ChatCompletionCreateParams.builder().model(model).addUserMessage(text));
    }

    /** Streams the first step of the tool round trip: the answer is a tool call. */
    static Streamed streamToolCall(OpenAIClient client, String model) {
        return streamToolCall(client, model, "What is the weather in Paris?");
    }

    /** Streams a question asked with the weather tool. */
    static Streamed streamToolCall(OpenAIClient client, String model, String question) {
        return stream(client, ChatCompletionCreateParams.builder().model(model)
                .addUserMessage(question).addFunctionTool(weatherTool()));
    }

    /** Asks a question with the weather tool. */
    static ChatCompletion askWithTool(OpenAIClient client, String model, String question) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage(question).addFunctionTool(weatherTool()).build());
    }

    private static Streamed stream(OpenAIClient client, ChatCompletionCreateParams.Builder params) {
        StringBuilder text = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        String[] found = new String[3]; // finish reason, tool call id, tool name
        CompletionUsage[] usage = {null};
        int[] chunks = {0};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks[0]++;
                chunk.usage().ifPresent(u -> usage[0] = u);
                chunk.choices().forEach(ch -> {
                    ch.delta().content().ifPresent(text::append);
                    ch.finishReason().ifPresent(f -> found[0] = f.asString());
                    ch.delta().toolCalls().orElse(List.of()).stream().filter(t -> t.index() == 0).forEach(t -> {
                        t.id().ifPresent(id -> found[1] = id);
                        t.function().flatMap(f -> f.name()).ifPresent(n -> found[2] = n);
                        t.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
                    });
                });
            });
        }
        return new Streamed(text.toString(), found[0], Optional.ofNullable(usage[0]), chunks[0], found[1], found[2],
                arguments.toString());
    }

    static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder().name(TOOL_NAME).description("Current weather in a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    /** The first choice's text. */
    static String content(ChatCompletion c) {
        return c.choices().get(0).message().content().orElse(null);
    }

    static String finishReason(ChatCompletion c) {
        return c.choices().get(0).finishReason().asString();
    }
}
