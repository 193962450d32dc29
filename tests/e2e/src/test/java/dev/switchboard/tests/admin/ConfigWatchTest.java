package dev.switchboard.tests.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** With config.watch: true a node reloads its file when it changes, and ignores a broken edit. */
class ConfigWatchTest {

    @Test
    void aChangedFileIsAppliedWithoutARequest() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            String base = """
                    server: {port: 0}
                    config: {watch: true}
                    providers: {fake: {type: openai, base-url: "%s"}}
                    models:
                      m-one: {provider: fake, upstream-model: ok}
                    """.formatted(fake.baseUrl());
            Path dir = Files.createTempDirectory("switchboard-watch");
            Path file = dir.resolve("switchboard.yaml");
            Files.writeString(file, base);
            try (Node node = Node.start(file)) {
                Files.writeString(file, base + "  m-two: {provider: fake, upstream-model: ok}\n");
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
                long deadline = System.currentTimeMillis() + 15_000;
                while (!node.get("/v1/models").body().contains("\"m-two\"") && System.currentTimeMillis() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(node.get("/v1/models").body().contains("\"m-two\""), "the watched file's new model is served");
                Files.writeString(file, "models: [broken");
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
                long settle = System.currentTimeMillis() + 3_000;
                while (System.currentTimeMillis() < settle) {
                    assertTrue(node.get("/v1/models").body().contains("\"m-two\""), "a broken edit changes nothing");
                }
            }
        }
    }
}
