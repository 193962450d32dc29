package dev.switchboard.tests.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.completions.CompletionUsage;
import io.vertx.core.json.JsonObject;

/** Checks of what a client sees that hold for every provider, given the fakes' fixed answers. */
final class ProviderAssertions {
    private ProviderAssertions() {
    }

    /** The token counts every fake reports came through. */
    static void assertFakeUsage(CompletionUsage usage) {
        assertEquals(FakeUpstream.PROMPT_TOKENS, usage.promptTokens(), "prompt tokens");
        assertEquals(FakeUpstream.COMPLETION_TOKENS, usage.completionTokens(), "completion tokens");
        assertEquals(FakeUpstream.PROMPT_TOKENS + FakeUpstream.COMPLETION_TOKENS, usage.totalTokens(), "total tokens");
    }

    /** A streamed tool call assembles into the fake's call, with the tool_calls finish reason and usage. */
    static void assertStreamedToolCall(SdkConversations.Streamed s) {
        assertStreamedToolCall(s, "");
    }

    /** As {@link #assertStreamedToolCall(SdkConversations.Streamed)}, with the given text before the call. */
    static void assertStreamedToolCall(SdkConversations.Streamed s, String text) {
        assertEquals(text, s.text(), "the text besides the tool call");
        assertTrue(s.toolCallId() != null && !s.toolCallId().isEmpty(), "the call has an id");
        assertEquals(SdkConversations.TOOL_NAME, s.toolName());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(s.toolArguments()));
        assertEquals("tool_calls", s.finishReason());
        assertFakeUsage(s.usage().orElseThrow());
    }

    /** A model that says something before calling a tool: the client gets both, whole and streamed. */
    static void assertToolCallWithTextBeforeIt(OpenAIClient client, String model) {
        String question = "explain: what is the weather in Paris?";
        ChatCompletion c = SdkConversations.askWithTool(client, model, question);
        assertEquals(Reply.PREAMBLE, SdkConversations.content(c));
        assertEquals("tool_calls", SdkConversations.finishReason(c));
        ChatCompletionMessageFunctionToolCall call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals(SdkConversations.TOOL_NAME, call.function().name());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(call.function().arguments()));
        assertStreamedToolCall(SdkConversations.streamToolCall(client, model, question), Reply.PREAMBLE);
    }
}
