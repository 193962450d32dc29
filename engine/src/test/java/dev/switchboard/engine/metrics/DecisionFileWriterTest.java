package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionFileWriterTest {
    @TempDir
    Path dir;

    static String line(int i) {
        return new JsonObject().put("n", i).put("pad", "x".repeat(40)).encode(); // 59 bytes + newline
    }

    static void finish(DecisionFileWriter w) throws Exception {
        w.close();
        w.finished().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void rotatesBySizeAndKeepsMaxFiles() throws Exception {
        Path file = dir.resolve("logs/decisions.jsonl");
        DecisionFileWriter w = DecisionFileWriter.start(file, 200, 3); // three 60-byte lines per file
        for (int i = 0; i < 20; i++) {
            w.append(line(i));
        }
        finish(w);
        assertEquals(0, w.dropped());
        assertTrue(Files.exists(file));
        assertTrue(Files.exists(dir.resolve("logs/decisions.jsonl.1")));
        assertTrue(Files.exists(dir.resolve("logs/decisions.jsonl.2")));
        assertFalse(Files.exists(dir.resolve("logs/decisions.jsonl.3")), "max-files counts the active file");
        List<Integer> kept = new ArrayList<>();
        for (String name : List.of("decisions.jsonl.2", "decisions.jsonl.1", "decisions.jsonl")) {
            Path p = dir.resolve("logs").resolve(name);
            assertTrue(Files.size(p) <= 200, name + " is " + Files.size(p) + " bytes");
            Files.readAllLines(p).forEach(l -> kept.add(new JsonObject(l).getInteger("n")));
        }
        // 20 lines, 3 per file: the active file has 18, 19; the two older ones 12..17
        assertEquals(List.of(12, 13, 14, 15, 16, 17, 18, 19), kept);
    }

    @Test
    void appendsToAnExistingFileAndRotatesIt() throws Exception {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, line(-1) + "\n" + line(-2) + "\n");
        DecisionFileWriter w = DecisionFileWriter.start(file, 200, 2);
        w.append(line(1));
        w.append(line(2));
        finish(w);
        assertEquals(3, Files.readAllLines(dir.resolve("d.jsonl.1")).size());
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void oneFileMeansTruncate() throws Exception {
        Path file = dir.resolve("d.jsonl");
        DecisionFileWriter w = DecisionFileWriter.start(file, 130, 1);
        for (int i = 0; i < 5; i++) {
            w.append(line(i));
        }
        finish(w);
        assertEquals(List.of(4), Files.readAllLines(file).stream().map(l -> new JsonObject(l).getInteger("n")).toList());
        assertFalse(Files.exists(dir.resolve("d.jsonl.1")));
    }

    @Test
    void linesAfterCloseAreDroppedAndCounted() throws Exception {
        DecisionFileWriter w = DecisionFileWriter.start(dir.resolve("d.jsonl"), 1000, 2);
        finish(w);
        w.append(line(1));
        assertEquals(1, w.dropped());
    }

    @Test
    void aFullQueueDropsInsteadOfBlocking() throws Exception {
        // the directory cannot be created (a file is in the way), so every line fails and is counted, never blocks
        Files.writeString(dir.resolve("blocker"), "");
        DecisionFileWriter w = DecisionFileWriter.start(dir.resolve("blocker/d.jsonl"), 1000, 2, 2);
        for (int i = 0; i < 50; i++) {
            w.append(line(i));
        }
        finish(w);
        assertEquals(50, w.dropped());
    }
}
