package dev.switchboard.engine.frontdoor.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Anthropic Messages requests to the canonical (OpenAI) request. */
class MessagesRequestReaderTest {

    private static ChatRequest read(String json) {
        return MessagesRequestReader.read(new JsonObject(json), false);
    }

    @Test
    void everyFieldThatMapsIsMapped() {
        ChatRequest r = read("""
                {"model": "auto", "max_tokens": 300, "stream": true, "temperature": 0.4, "top_p": 0.9, "top_k": 7,
                 "stop_sequences": ["END"], "metadata": {"user_id": "u-1"},
                 "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}, {"type": "text", "text": "Be kind."}],
                 "tools": [{"name": "get_weather", "description": "weather", "input_schema": {"type": "object"}},
                           {"type": "web_search_20250305", "name": "web_search", "max_uses": 3}],
                 "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
                 "thinking": {"type": "enabled", "budget_tokens": 100},
                 "messages": [{"role": "user", "content": "hi"}]}""");
        JsonObject expected = new JsonObject("""
                {"model": "auto",
                 "messages": [{"role": "system", "content": "Be brief.\\nBe kind."}, {"role": "user", "content": "hi"}],
                 "max_tokens": 300, "temperature": 0.4, "top_p": 0.9, "stop": ["END"],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}, "description": "weather"}}],
                 "tool_choice": "required", "parallel_tool_calls": false, "user": "u-1",
                 "stream": true, "stream_options": {"include_usage": true}}""");
        assertEquals(expected, r.body(), "top_k, thinking, cache_control and server tools reach Anthropic upstreams only");
        assertTrue(r.stream());
        assertTrue(r.includeUsage(), "usage is asked for: message_delta reports it");
    }

    @Test
    void blocksBecomePartsToolCallsAndToolMessages() {
        ChatRequest r = read("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "user", "content": [
                    {"type": "text", "text": "look"},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBO"}},
                    {"type": "image", "source": {"type": "url", "url": "https://example.com/a.jpg"}},
                    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBE"}, "title": "spec.pdf"},
                    {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "plain words"}}]},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "hmm", "signature": "sig"},
                    {"type": "text", "text": "Checking."},
                    {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}]},
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "Sunny"}]},
                    {"type": "text", "text": "and tomorrow?"}]}]}""");
        JsonArray messages = r.body().getJsonArray("messages");
        assertEquals(new JsonObject("""
                {"role": "user", "content": [
                  {"type": "text", "text": "look"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBO"}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg"}},
                  {"type": "file", "file": {"filename": "spec.pdf", "file_data": "data:application/pdf;base64,JVBE"}},
                  {"type": "text", "text": "plain words"}]}"""), messages.getJsonObject(0));
        assertEquals(new JsonObject("""
                {"role": "assistant", "content": "Checking.", "tool_calls": [
                  {"id": "toolu_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]}"""),
                messages.getJsonObject(1));
        assertEquals(new JsonObject("{\"role\": \"tool\", \"tool_call_id\": \"toolu_1\", \"content\": \"Sunny\"}"), messages.getJsonObject(2));
        assertEquals(new JsonObject("{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"and tomorrow?\"}]}"),
                messages.getJsonObject(3));
        assertEquals(4, messages.size());
        assertTrue(r.hasImages());
        assertFalse(r.stream());
    }

    @Test
    void countTokensNeedsNoMaxTokens() {
        ChatRequest r = MessagesRequestReader.read(new JsonObject("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), true);
        assertNull(r.maxTokens());
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> read("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"));
        assertEquals("max_tokens", e.param());
        assertEquals("max_tokens: Field required", e.getMessage());
    }

    @Test
    void aToolResultMustAnswerTheTurnBefore() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "ok"}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "again"}]}]}"""));
        assertEquals("messages.2.content.0.tool_use_id", e.param());
    }

    @Test
    void anErrorResultSaysSo() {
        ChatRequest r = read("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": {}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": "no such city", "is_error": true}]}]}""");
        assertEquals("Error: no such city", r.body().getJsonArray("messages").getJsonObject(1).getString("content"));
    }

    @Test
    void serverToolBlocksAreLeftOutAndUnknownBlocksRejected() {
        ChatRequest r = read("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "user", "content": "search it"},
                  {"role": "assistant", "content": [
                    {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "q"}},
                    {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": []},
                    {"type": "text", "text": "Found it."}]},
                  {"role": "user", "content": [
                    {"type": "search_result", "title": "Doc", "source": "https://example.com",
                     "content": [{"type": "text", "text": "body"}]}]}]}""");
        JsonArray messages = r.body().getJsonArray("messages");
        assertEquals(new JsonObject("{\"role\": \"assistant\", \"content\": \"Found it.\"}"), messages.getJsonObject(1));
        assertEquals("Doc (https://example.com)\n\nbody", messages.getJsonObject(2).getJsonArray("content").getJsonObject(0).getString("text"));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read("""
                {"model": "m", "max_tokens": 10, "messages": [{"role": "assistant", "content": [{"type": "hologram"}]}]}"""));
        assertEquals("messages.0.content.0.type", e.param());
        assertTrue(e.getMessage().contains("unknown content block type 'hologram'"), e.getMessage());
    }
}
