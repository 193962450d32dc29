package dev.switchboard.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.RouterFactory;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in semantic bundle: isolated from the engine's class path, one class loader per JVM, extracted once. */
class PluginBundlesTest {

    @Test
    void theSemanticBundleLoadsInItsOwnClassLoaderSharedByEveryLoad() {
        PluginRegistry first = PluginLoader.load(null);
        PluginRegistry second = PluginLoader.load(null);
        RouterFactory semantic = first.routers().get("semantic");
        ClassLoader bundle = semantic.getClass().getClassLoader();
        assertNotSame(PluginLoader.class.getClassLoader(), bundle);
        assertSame(bundle, second.routers().get("semantic").getClass().getClassLoader(),
                "one class loader per JVM: the native library and the model load once");
        assertTrue(first.plugins().stream().anyMatch(p -> p.routers().equals(List.of("semantic"))
                && p.source().equals("built-in bundle router-semantic.jar")), first.plugins().toString());
        assertTrue(semantic.blocking());
    }

    @Test
    void neitherSideSeesTheOthersLibraries() throws Exception {
        ClassLoader bundle = PluginLoader.load(null).routers().get("semantic").getClass().getClassLoader();
        ClassLoader app = PluginLoader.class.getClassLoader();
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.onnxruntime.OrtSession", false, app));
        assertThrows(ClassNotFoundException.class, () -> bundle.loadClass("dev.switchboard.engine.Main"));
        assertSame(RouterFactory.class, bundle.loadClass(RouterFactory.class.getName()), "the SPI is shared");
        assertEquals(bundle, bundle.loadClass("ai.onnxruntime.OrtSession").getClassLoader());
    }

    @Test
    void aNestedBundleIsExtractedOnceByItsCrcAndSize(@TempDir Path dir) throws Exception {
        Path outer = dir.resolve("engine.jar");
        byte[] inner = "not really a jar, bytes are bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(outer))) {
            jar.putNextEntry(new JarEntry("plugin-bundles/demo.jar"));
            jar.write(inner);
            jar.closeEntry();
        }
        URL nested = new URL("jar:" + outer.toUri() + "!/plugin-bundles/demo.jar");
        String previous = System.setProperty("switchboard.bundle-cache", dir.resolve("cache").toString());
        try {
            Path extracted = PluginBundles.extracted("demo.jar", nested);
            assertEquals(dir.resolve("cache"), extracted.getParent());
            assertTrue(extracted.getFileName().toString().matches("demo-[0-9a-f]+-" + inner.length + "\\.jar"), extracted.toString());
            assertArrayEquals(inner, Files.readAllBytes(extracted));
            Files.setLastModifiedTime(extracted, FileTime.fromMillis(0));
            assertEquals(extracted, PluginBundles.extracted("demo.jar", nested));
            assertEquals(0, Files.getLastModifiedTime(extracted).toMillis(), "not written again");
            try (var files = Files.list(dir.resolve("cache"))) {
                assertEquals(List.of(extracted), files.toList(), "no temporary file left behind");
            }
        } finally {
            if (previous == null) {
                System.clearProperty("switchboard.bundle-cache");
            } else {
                System.setProperty("switchboard.bundle-cache", previous);
            }
        }
    }
}
