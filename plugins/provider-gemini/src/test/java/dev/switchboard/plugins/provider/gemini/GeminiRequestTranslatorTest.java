package dev.switchboard.plugins.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.testkit.GoldenFixtures;
import dev.switchboard.testkit.Requests;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiRequestTranslatorTest {

    private final GeminiRequestTranslator translator = new GeminiRequestTranslator();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"system-user", "images", "tools", "tool-round-trip", "json-schema", "json-object", "generation-config"})
    void translatesOpenAiRequestToGeminiBody(String name) {
        JsonObject expected = GoldenFixtures.json("requests/" + name + ".gemini.json");
        JsonObject actual = translator.translate(Requests.chat(GoldenFixtures.text("requests/" + name + ".openai.json")));
        assertEquals(expected, actual, () -> "expected " + expected.encodePrettily() + "\nbut got " + actual.encodePrettily());
    }

    @ParameterizedTest(name = "tool_choice {0}")
    @CsvSource(delimiter = '|', value = {
        "\"auto\"|{\"mode\": \"AUTO\"}",
        "\"none\"|{\"mode\": \"NONE\"}",
        "\"required\"|{\"mode\": \"ANY\"}",
        "{\"type\": \"function\", \"function\": {\"name\": \"get_time\"}}|{\"mode\": \"ANY\", \"allowedFunctionNames\": [\"get_time\"]}"})
    void mapsToolChoice(String toolChoice, String expected) {
        JsonObject body = translator.translate(Fixtures.userRequest(
                ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_time\"}}], \"tool_choice\": " + toolChoice));
        assertEquals(new JsonObject(expected), body.getJsonObject("toolConfig").getJsonObject("functionCallingConfig"));
    }

    @Test
    void sendsNoToolConfigWithoutToolChoiceOrTools() {
        JsonObject withTools = translator.translate(Fixtures.userRequest(", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]"));
        assertFalse(withTools.containsKey("toolConfig"));
        JsonObject withoutTools = translator.translate(Fixtures.userRequest(", \"tool_choice\": \"none\""));
        assertFalse(withoutTools.containsKey("toolConfig"));
        assertFalse(withoutTools.containsKey("tools"));
        assertFalse(withoutTools.containsKey("generationConfig"));
    }

    @Test
    void stopArrayBecomesStopSequences() {
        JsonObject body = translator.translate(Fixtures.userRequest(", \"stop\": [\"a\", \"b\"]"));
        assertEquals("[\"a\",\"b\"]", body.getJsonObject("generationConfig").getJsonArray("stopSequences").encode());
    }

    @Test
    void inlinesAudioAndPdfFiles() {
        JsonObject body = translator.translate(Requests.chat("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": ["
                + "{\"type\": \"input_audio\", \"input_audio\": {\"data\": \"UklGRg==\", \"format\": \"wav\"}},"
                + "{\"type\": \"file\", \"file\": {\"filename\": \"a.pdf\", \"file_data\": \"data:application/pdf;base64,JVBERi0=\"}}]}]}"));
        JsonObject expected = new JsonObject("{\"role\": \"user\", \"parts\": ["
                + "{\"inline_data\": {\"mime_type\": \"audio/wav\", \"data\": \"UklGRg==\"}},"
                + "{\"inline_data\": {\"mime_type\": \"application/pdf\", \"data\": \"JVBERi0=\"}}]}");
        assertEquals(expected, body.getJsonArray("contents").getJsonObject(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown tool_call_id|[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"tool\", \"tool_call_id\": \"call_9\", \"content\": \"1\"}]|messages[1].tool_call_id",
        "arguments not JSON|[{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c\", \"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\": \"{oops\"}}]}]|messages[0].tool_calls[0].function.arguments",
        "only system messages|[{\"role\": \"system\", \"content\": \"be nice\"}]|messages",
        "unsupported part|[{\"role\": \"user\", \"content\": [{\"type\": \"video_url\", \"video_url\": {}}]}]|messages[0].content[0].type",
        "data URL not base64|[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png,abc\"}}]}]|messages[0].content[0].image_url.url"})
    void rejectsWhatGeminiCannotExpress(String why, String messages, String param) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> translator.translate(Requests.chat("{\"model\": \"m\", \"messages\": " + messages + "}")));
        assertEquals(param, e.param(), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": \"sometimes\"|tool_choice",
        ", \"response_format\": {\"type\": \"xml\"}|response_format.type",
        ", \"reasoning_effort\": \"extreme\"|reasoning_effort",
        ", \"seed\": 1.5|seed",
        ", \"presence_penalty\": \"high\"|presence_penalty",
        ", \"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$ref\": \"https://example.com/s.json\"}}}|response_format.json_schema.schema"})
    void rejectsBadParameters(String fields, String param) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> translator.translate(Fixtures.userRequest(fields)));
        assertEquals(param, e.param());
    }

    @Test
    void cyclicSchemaIsRejectedNotLooped() {
        String schema = "{\"$defs\": {\"Node\": {\"type\": \"object\", \"properties\": {\"next\": {\"$ref\": \"#/$defs/Node\"}}}},"
                + " \"$ref\": \"#/$defs/Node\"}";
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> translator.translate(
                Fixtures.userRequest(", \"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"schema\": " + schema + "}}")));
        assertTrue(e.getMessage().contains("cyclic"), e.getMessage());
    }
}
