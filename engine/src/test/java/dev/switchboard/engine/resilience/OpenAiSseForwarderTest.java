package dev.switchboard.engine.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiSseForwarderTest {
    static final String C1 = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}],\"usage\":null}\n\n";
    static final String C2 = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" w\\u00f6rld \\\"error\\\"\"},\"finish_reason\":null}]}\n\n";
    static final String TOOL = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}\n\n";
    static final String PING = ": keep-alive\n\n";
    static final String USAGE = "data: {\"id\":\"c\",\"choices\":[],\"usage\": {\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n";
    static final String ERROR = "data: {\"error\":{\"message\":\"boom\"}}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    /** Collects what the forwarder does, in order: "F" + bytes forwarded, "S" + a special event. */
    static final class Out implements OpenAiSseForwarder.Target {
        final List<String> calls = new ArrayList<>();
        final StringBuilder all = new StringBuilder();
        long chars;
        int forwards;
        String gaveUp;
        /** Forwarding from the start, unless a test says it starts once a content event was decoded. */
        boolean forwarding = true;
        boolean commitOnContent;
        /** Runs inside each {@link #special} call, before it is recorded. */
        Runnable onSpecial = () -> { };

        @Override
        public boolean forwarding() {
            return forwarding;
        }

        @Override
        public void forward(Buffer events, long c) {
            forwards++;
            chars += c;
            calls.add("F" + events);
            all.append(events);
        }

        @Override
        public boolean special(Buffer event) {
            onSpecial.run();
            calls.add("S" + event);
            all.append(event);
            if (commitOnContent && event.toString().contains("Hello")) {
                forwarding = true;
            }
            return !event.toString().equals(DONE);
        }

        @Override
        public void giveUp(Buffer rest) {
            gaveUp = rest.toString();
        }

        List<String> specials() {
            return calls.stream().filter(c -> c.startsWith("S")).map(c -> c.substring(1)).toList();
        }
    }

    @Test
    void oneReadOfPlainEventsIsOneForwardOfTheSameBytes() {
        Out out = new Out();
        Buffer read = Buffer.buffer(C1 + C2 + TOOL);
        new OpenAiSseForwarder(out).feed(read);
        assertEquals(List.of("F" + C1 + C2 + TOOL), out.calls);
        // "Hello" 5, " w\u00f6rld \"error\"" 18 (an escape counts once, a \\u escape as the 5 it takes), {\"a\":1} 7
        assertEquals(5 + 18 + 7, out.chars, "characters of content and arguments");
    }

    @Test
    void beforeTheFirstContentEveryEventGoesToTheDecoderThenTheRestOfTheSameReadIsForwarded() {
        Out out = new Out();
        out.forwarding = false;
        out.commitOnContent = true;
        String role = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
        new OpenAiSseForwarder(out).feed(Buffer.buffer(role + PING + C1 + C2 + TOOL + USAGE + DONE));
        assertEquals(List.of("S" + role, "S" + PING, "S" + C1, "F" + C2 + TOOL, "S" + USAGE, "S" + DONE), out.calls);
    }

    @Test
    void aLastEventWithoutItsBlankLineGoesToTheDecoderAtTheEnd() {
        Out out = new Out();
        OpenAiSseForwarder forwarder = new OpenAiSseForwarder(out);
        forwarder.feed(Buffer.buffer(C1 + "data: [DONE]\n"));
        forwarder.end();
        assertEquals(List.of("F" + C1), out.calls);
        assertEquals("data: [DONE]\n", out.gaveUp);
    }

    @Test
    void everySplitPointGivesTheSameBytesAndTheSameSpecialEvents() {
        String stream = C1 + PING + C2 + TOOL + USAGE + DONE;
        for (int cut = 0; cut <= stream.length(); cut++) {
            Out out = new Out();
            OpenAiSseForwarder f = new OpenAiSseForwarder(out);
            f.feed(Buffer.buffer(stream.substring(0, cut)));
            f.feed(Buffer.buffer(stream.substring(cut)));
            assertEquals(stream, out.all.toString(), "cut at " + cut);
            assertEquals(List.of(PING, USAGE, DONE), out.specials(), "cut at " + cut);
        }
    }

    @Test
    void errorEventsAndMultiLineEventsGoToTheDecoder() {
        Out out = new Out();
        String multi = "data: {\"id\":\"c\",\ndata: \"choices\":[]}\n\n";
        new OpenAiSseForwarder(out).feed(Buffer.buffer(C1 + multi + ERROR));
        assertEquals(List.of("F" + C1, "S" + multi, "S" + ERROR), out.calls);
    }

    @Test
    void nothingIsForwardedAfterTheStreamEnded() {
        Out out = new Out();
        new OpenAiSseForwarder(out).feed(Buffer.buffer(C1 + DONE + C2));
        assertEquals(List.of("F" + C1, "S" + DONE), out.calls);
    }

    @Test
    void carriageReturnsHandTheRestToTheDecoder() {
        Out out = new Out();
        new OpenAiSseForwarder(out).feed(Buffer.buffer(C1 + "data: {\"a\":1}\r\n\r\n" + C2));
        assertEquals(List.of("F" + C1), out.calls);
        assertEquals("data: {\"a\":1}\r\n\r\n" + C2, out.gaveUp);
    }

    @Test
    void anEventLongerThanTheCarryGoesToTheDecoder() {
        Out out = new Out();
        OpenAiSseForwarder f = new OpenAiSseForwarder(out);
        String head = "data: {\"content\":\"" + "x".repeat(OpenAiSseForwarder.MAX_CARRY - 100);
        f.feed(Buffer.buffer(C1 + head));
        assertEquals(List.of("F" + C1), out.calls, "a partial event is held");
        f.feed(Buffer.buffer("y".repeat(200)));
        assertEquals(head + "y".repeat(200), out.gaveUp, "past the carry limit the rest is the decoder's (which bounds it)");
    }

    @Test
    void aFeedReEnteredFromATargetCallbackScansItsOwnBytes() {
        // forwarders of one event loop share a scratch copy of the bytes they scan; a callback that
        // feeds another forwarder must not overwrite the copy the outer feed is still scanning
        Out inner = new Out();
        OpenAiSseForwarder other = new OpenAiSseForwarder(inner);
        Out out = new Out();
        out.onSpecial = () -> other.feed(Buffer.buffer(C2 + TOOL + C2 + TOOL + C2));
        new OpenAiSseForwarder(out).feed(Buffer.buffer(PING + C1 + USAGE + TOOL + DONE));
        assertEquals(List.of("S" + PING, "F" + C1, "S" + USAGE, "F" + TOOL, "S" + DONE), out.calls);
        assertEquals("F" + C2 + TOOL + C2 + TOOL + C2, inner.calls.get(0));
    }
}
