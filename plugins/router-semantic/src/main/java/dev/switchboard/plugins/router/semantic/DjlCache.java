package dev.switchboard.plugins.router.semantic;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where DJL unpacks its native tokenizer: {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}); where the
 * home directory is read-only (a container with a read-only root file system) it goes under the
 * temporary directory instead, unless the operator chose a directory.
 */
final class DjlCache {
    private DjlCache() {
    }

    static void makeWritable() {
        if (System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null) {
            return;
        }
        Path home = Path.of(System.getProperty("user.home", "."));
        Path djl = home.resolve(".djl.ai");
        if (Files.isWritable(djl) || !Files.exists(djl) && Files.isWritable(home)) {
            return;
        }
        System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"),
                "djl.ai-" + System.getProperty("user.name", "user")).toString());
    }
}
