package dev.switchboard.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @Test
    void builtInsComeFromTheClassPathThroughServiceLoader() {
        PluginRegistry r = PluginLoader.load(null);
        assertTrue(r.routers().keySet().containsAll(java.util.Set.of("fixed", "keyword", "complexity", "multimodal", "cost-floor", "weighted")),
                r.routers().keySet().toString());
        assertTrue(r.providers().keySet().containsAll(java.util.Set.of("openai", "anthropic", "gemini", "ollama", "openrouter")));
    }

    @Test
    void jarWithoutPluginIsFatal(@TempDir Path dir) throws IOException {
        jar(dir.resolve("empty.jar"), null, null);
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginLoader.load(dir));
        assertTrue(e.getMessage().contains("empty.jar contains no plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/services/dev.switchboard.spi.Plugin"));
    }

    @Test
    void jarNamingAMissingClassIsFatalAndNamesTheJar(@TempDir Path dir) throws IOException {
        jar(dir.resolve("broken.jar"), "com.example.Missing\n", null);
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginLoader.load(dir));
        assertTrue(e.getMessage().contains("broken.jar"), e.getMessage());
    }

    @Test
    void engineClassesAreNotVisibleToPluginJars(@TempDir Path dir) throws IOException {
        // names a class that exists on the engine's class path: the isolated loader must not see it
        jar(dir.resolve("sneaky.jar"), "dev.switchboard.plugins.router.fixed.FixedRouterPlugin\n", null);
        assertThrows(PluginLoadException.class, () -> PluginLoader.load(dir));
    }

    @Test
    void twoPluginsWithTheSameIdAreFatal(@TempDir Path dir) throws Exception {
        Path fixed = Path.of(Class.forName("dev.switchboard.plugins.router.fixed.FixedRouterPlugin")
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = dir.resolve("fixed-copy.jar");
        if (Files.isDirectory(fixed)) {
            jar(copy, null, fixed);
        } else {
            Files.copy(fixed, copy);
        }
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginLoader.load(dir));
        assertTrue(e.getMessage().contains("two plugins provide router 'fixed'"), e.getMessage());
        assertTrue(e.getMessage().contains("fixed-copy.jar"), e.getMessage());
    }

    @Test
    void missingDirectoryMeansNoExtraPlugins(@TempDir Path dir) {
        assertEquals(PluginLoader.load(null).routers().keySet(), PluginLoader.load(dir.resolve("absent")).routers().keySet());
    }

    /** Writes a jar: an optional services file, or the whole content of a classes directory. */
    static void jar(Path target, String services, Path classes) throws IOException {
        jar(target, services, classes, new Manifest());
    }

    /** As {@link #jar(Path, String, Path)}, with a manifest. */
    static void jar(Path target, String services, Path classes, Manifest manifest) throws IOException {
        manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/dev.switchboard.spi.Plugin"));
                out.write(services.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
            if (classes != null) {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                        try (OutputStream o = OutputStreamNoClose.of(out)) {
                            Files.copy(f, o);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
    }

    /** Lets Files.copy write into the jar stream without closing it. */
    private static final class OutputStreamNoClose extends java.io.FilterOutputStream {
        private OutputStreamNoClose(OutputStream out) {
            super(out);
        }

        static OutputStream of(OutputStream out) {
            return new OutputStreamNoClose(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
