package dev.switchboard.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.SpiVersion;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against plugins built for other versions of the contract (SpiVersion). */
class SpiCompatibilityTest {
    /** {@code Plugin} as SPI 1.0 first shipped it, before {@code spiVersion()} was added as a default method. */
    private static final String PREVIOUS_PLUGIN_INTERFACE = """
            package dev.switchboard.spi;
            import java.util.List;
            public interface Plugin {
                default String name() { return getClass().getSimpleName(); }
                default List<RouterFactory> routerFactories() { return List.of(); }
                default List<ProviderAdapterFactory> providerAdapterFactories() { return List.of(); }
            }
            """;

    private static String plugin(String extra) {
        return """
                package com.example.old;
                import dev.switchboard.spi.*;
                import dev.switchboard.spi.routing.*;
                import io.vertx.core.json.JsonObject;
                import java.util.List;
                public final class OldPlugin implements Plugin {
                    %s
                    @Override public List<RouterFactory> routerFactories() {
                        return List.of(new RouterFactory() {
                            public String id() { return "old-fixed"; }
                            public Router create(JsonObject options, RouterContext context) {
                                return request -> RoutingDecision.of(List.of("m"), "built against the previous contract");
                            }
                        });
                    }
                }
                """.formatted(extra);
    }

    @Test
    void aPluginCompiledAgainstThePreviousContractLoadsAfterADefaultMethodWasAdded(@TempDir Path dir) throws Exception {
        Path api = PluginCompiler.locationOf(Plugin.class);
        Path vertx = PluginCompiler.locationOf(JsonObject.class);
        Path previous = PluginCompiler.compile(Map.of("dev.switchboard.spi.Plugin", PREVIOUS_PLUGIN_INTERFACE), List.of(api, vertx),
                dir.resolve("previous-contract"));
        // the previous Plugin shadows today's: the plugin's class file references no spiVersion()
        Path classes = PluginCompiler.compile(Map.of("com.example.old.OldPlugin", plugin("")), List.of(previous, api, vertx),
                dir.resolve("plugin"));
        Path plugins = Files.createDirectories(dir.resolve("plugins.d"));
        PluginLoaderTest.jar(plugins.resolve("old.jar"), "com.example.old.OldPlugin\n", classes);

        PluginRegistry registry = PluginLoader.load(plugins);

        assertTrue(registry.routers().containsKey("old-fixed"), registry.routers().keySet().toString());
        PluginRegistry.LoadedPlugin old = registry.plugins().stream().filter(p -> p.source().equals("old.jar")).findFirst().orElseThrow();
        assertEquals("1.0", old.spiVersion(), "the added default method answers for the old plugin");
        assertEquals(List.of("m"), registry.routers().get("old-fixed").create(new JsonObject(), null).route(null).models());
    }

    /** A jar whose manifest declares {@code version} and whose services file names a class that does not exist. */
    private static PluginLoadException loadJarDeclaring(Path dir, String jarName, String version) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, version);
        PluginLoaderTest.jar(dir.resolve(jarName), "com.example.Missing\n", null, manifest);
        return assertThrows(PluginLoadException.class, () -> PluginLoader.load(dir));
    }

    @Test
    void aJarWhoseManifestNamesANewerMajorIsRefusedInOneLineNamingTheJarAndBothVersions(@TempDir Path dir) throws Exception {
        // the named class does not exist: the version is checked before anything loads
        PluginLoadException e = loadJarDeclaring(dir, "future-router.jar", "2.0");

        assertTrue(e.getMessage().startsWith("plugin jar future-router.jar was built for plugin SPI 2.0 but this engine implements SPI "
                + SpiVersion.CURRENT), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aPluginWhoseCodeDeclaresANewerMajorIsRefused(@TempDir Path dir) throws Exception {
        Path classes = PluginCompiler.compile(Map.of("com.example.old.OldPlugin",
                        plugin("@Override public String spiVersion() { return \"3.1\"; }")),
                List.of(PluginCompiler.locationOf(Plugin.class), PluginCompiler.locationOf(JsonObject.class)), dir.resolve("plugin"));
        Path plugins = Files.createDirectories(dir.resolve("plugins.d"));
        PluginLoaderTest.jar(plugins.resolve("newer.jar"), "com.example.old.OldPlugin\n", classes);

        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginLoader.load(plugins));

        assertTrue(e.getMessage().contains("plugin OldPlugin from newer.jar was built for plugin SPI 3.1 but this engine implements SPI "
                + SpiVersion.CURRENT), e.getMessage());
    }

    @Test
    void anUnreadableManifestVersionIsRefused(@TempDir Path dir) throws Exception {
        PluginLoadException e = loadJarDeclaring(dir, "odd.jar", "one");

        assertTrue(e.getMessage().contains("plugin jar odd.jar declares an unreadable plugin SPI version"), e.getMessage());
    }

    @Test
    void aJarUsingTheToolkitWithoutBundlingItIsRefusedNamingTheMissingClass(@TempDir Path dir) throws Exception {
        String usesToolkit = plugin("").replace("return List.of(new RouterFactory() {",
                "dev.switchboard.toolkit.text.Words.count(\"A\");\n return List.of(new RouterFactory() {");
        Path toolkit = PluginCompiler.locationOf(Class.forName("dev.switchboard.toolkit.text.Words"));
        Path classes = PluginCompiler.compile(Map.of("com.example.old.OldPlugin", usesToolkit),
                List.of(PluginCompiler.locationOf(Plugin.class), PluginCompiler.locationOf(JsonObject.class), toolkit), dir.resolve("plugin"));
        Path plugins = Files.createDirectories(dir.resolve("plugins.d"));
        PluginLoaderTest.jar(plugins.resolve("unbundled.jar"), "com.example.old.OldPlugin\n", classes);

        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginLoader.load(plugins));

        assertTrue(e.getMessage().startsWith("plugin jar unbundled.jar cannot link dev.switchboard.toolkit.text.Words"), e.getMessage());
        assertTrue(e.getMessage().contains("switchboard-plugin-toolkit"), e.getMessage());
    }

    @Test
    void builtInPluginsAreOnTheCurrentContract() {
        PluginRegistry registry = PluginLoader.load(null);
        registry.plugins().forEach(p -> assertEquals(SpiVersion.CURRENT, p.spiVersion(), p.name()));
    }
}
