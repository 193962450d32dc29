package dev.switchboard.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources at test time (javax.tools), the way a plugin author's build would. */
final class PluginCompiler {
    private PluginCompiler() {
    }

    /**
     * Compiles {@code sources} (class name to source text) into {@code out}.
     *
     * @param classPath directories and jars to compile against, in order (the first wins)
     */
    static Path compile(Map<String, String> sources, List<Path> classPath, Path out) throws IOException {
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17", "-proc:none", "-classpath",
                String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList())));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertTrue(status == 0, () -> "javac failed: " + errors.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** The jar or directory a class was loaded from. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
