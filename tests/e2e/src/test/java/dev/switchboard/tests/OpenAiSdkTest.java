package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at Switchboard, works unchanged: chat, streamed chat, errors. */
class OpenAiSdkTest {
    static FakeOpenAi fake;
    static Node node;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.openAi(fake), null);
        client = OpenAIOkHttpClient.builder().apiKey("unused-by-switchboard").baseUrl(node.url("/v1")).maxRetries(0).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        node.close();
        fake.close();
    }

    @Test
    void chat() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("m-ok").addUserMessage("hello sdk").build());
        assertEquals("echo: hello sdk", c.choices().get(0).message().content().orElseThrow());
        assertEquals(17, c.usage().orElseThrow().totalTokens());
    }

    @Test
    void streamedChat() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("pinned").addUserMessage("stream via sdk").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        assertEquals("echo: stream via sdk", text.toString());
    }

    @Test
    void unknownModelIsA404TheSdkUnderstands() {
        NotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(NotFoundException.class, () ->
                client.chat().completions().create(ChatCompletionCreateParams.builder().model("nope").addUserMessage("x").build()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
