package dev.switchboard.engine.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.logging.Logger;

/**
 * The built-in plugins that ship as bundles: a self-contained jar (the plugin and its dependencies)
 * nested in the engine's jar under {@code plugin-bundles/}, listed in {@code plugin-bundles/bundles.list}.
 * A nested jar cannot be put on a class path, so it is extracted once to a cache directory
 * ({@code -Dswitchboard.bundle-cache=DIR}, else {@code $SWITCHBOARD_BUNDLE_CACHE}, else
 * {@code <java.io.tmpdir>/switchboard-bundles-<user>}), under a name holding its CRC and size, and
 * loaded in an isolated class loader whose parent exposes only the SPI, as a {@code plugins.d} jar.
 * Run from a build directory (tests), the bundle is a plain file and is used where it lies.
 *
 * <p>One class loader per bundle per JVM: a bundle may load a native library (a JVM loads one only
 * once) or a model (loaded once per node), so every {@link PluginLoader#load} in the JVM shares it.
 */
final class PluginBundles {
    private static final Logger LOG = Logger.getLogger(PluginBundles.class.getName());
    private static final String DIR = "plugin-bundles/";
    private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private PluginBundles() {
    }

    /** A bundle: its file name and its class loader. */
    record Bundle(String name, ClassLoader loader) {
    }

    /** The bundles listed in the engine's jar, each with its (shared) class loader. */
    static List<Bundle> load(ClassLoader app, ClassLoader spi) {
        List<Bundle> out = new ArrayList<>();
        for (String name : listed(app)) {
            out.add(new Bundle(name, LOADERS.computeIfAbsent(name, n -> classLoader(n, app, spi))));
        }
        return out;
    }

    private static List<String> listed(ClassLoader app) {
        try (InputStream in = app.getResourceAsStream(DIR + "bundles.list")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot read " + DIR + "bundles.list: " + e.getMessage(), e);
        }
    }

    private static ClassLoader classLoader(String name, ClassLoader app, ClassLoader spi) {
        URL resource = app.getResource(DIR + name);
        if (resource == null) {
            throw new PluginLoadException("built-in plugin bundle " + DIR + name + " is listed but missing from the engine's"
                    + " jar; rebuild with mvn -B -DskipTests package");
        }
        try {
            Path jar = "file".equals(resource.getProtocol()) ? Path.of(resource.toURI()) : extracted(name, resource);
            return new URLClassLoader("plugin:" + name, new URL[] {jar.toUri().toURL()}, spi);
        } catch (IOException | URISyntaxException e) {
            throw new PluginLoadException("cannot extract built-in plugin bundle " + name + " to " + cacheDir()
                    + ": " + e.getMessage() + "; set -Dswitchboard.bundle-cache=DIR to a writable directory", e);
        }
    }

    /** The bundle's copy in the cache directory, written (atomically) when it is not there yet. */
    static Path extracted(String name, URL resource) throws IOException {
        JarEntry entry = ((JarURLConnection) resource.openConnection()).getJarEntry();
        String stem = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        Path dir = cacheDir();
        Path target = dir.resolve(stem + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar");
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
            return target;
        }
        long start = System.nanoTime();
        createPrivate(dir);
        Path temp = Files.createTempFile(dir, stem, ".part");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.info(() -> "extracted built-in plugin bundle " + name + " to " + target + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        return target;
    }

    private static void createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system
        }
    }

    static Path cacheDir() {
        String configured = System.getProperty("switchboard.bundle-cache", System.getenv("SWITCHBOARD_BUNDLE_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "switchboard-bundles-" + System.getProperty("user.name", "user"));
    }
}
