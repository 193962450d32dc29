package dev.switchboard.engine.plugin;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.RouterFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finds plugins: the built-ins on the class path, the built-in bundles ({@link PluginBundles}), then
 * every jar of the plugin directory; bundles and directory jars each in their own class loader whose
 * parent exposes only the SPI. Loud: every registration is logged;
 * a jar without plugin, a plugin without factories and a duplicate id are fatal. Blocking (jar
 * scanning): run before verticles deploy.
 */
public final class PluginLoader {
    private static final Logger LOG = Logger.getLogger(PluginLoader.class.getName());

    private final List<PluginRegistry.LoadedPlugin> loaded = new ArrayList<>();
    private final Map<String, RouterFactory> routers = new LinkedHashMap<>();
    private final Map<String, String> routerSources = new LinkedHashMap<>();
    private final Map<String, ProviderAdapterFactory> providers = new LinkedHashMap<>();
    private final Map<String, String> providerSources = new LinkedHashMap<>();

    /**
     * Loads the built-ins and the jars of {@code pluginDir}.
     *
     * @param pluginDir the plugin directory; null or missing means none
     * @throws PluginLoadException on any plugin problem
     */
    public static PluginRegistry load(Path pluginDir) {
        PluginLoader loader = new PluginLoader();
        ClassLoader app = PluginLoader.class.getClassLoader();
        for (Plugin p : services(ServiceLoader.load(Plugin.class, app), "the class path")) {
            loader.register(p, sourceOf(p));
        }
        for (PluginBundles.Bundle b : PluginBundles.load(app, new SpiOnlyClassLoader(app))) {
            loader.loadJar(b.loader(), "built-in bundle " + b.name());
        }
        if (pluginDir != null && Files.isDirectory(pluginDir)) {
            loader.loadDirectory(pluginDir, app);
        }
        return new PluginRegistry(loader.loaded, loader.routers, loader.providers);
    }

    private void loadDirectory(Path dir, ClassLoader app) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugin directory " + dir + ": " + e.getMessage(), e);
        }
        ClassLoader spi = new SpiOnlyClassLoader(app);
        for (Path jar : jars) {
            URLClassLoader cl = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url(jar)}, spi);
            loadJar(cl, jar.getFileName().toString());
        }
    }

    /** Registers the plugins a jar's class loader finds; a jar without one is an error. */
    private void loadJar(ClassLoader cl, String source) {
        List<Plugin> found = services(ServiceLoader.load(Plugin.class, cl), source);
        if (found.isEmpty()) {
            throw new PluginLoadException("plugin jar " + source + " contains no plugin: add META-INF/services/"
                    + Plugin.class.getName() + " naming your Plugin implementation");
        }
        found.forEach(p -> register(p, source));
    }

    private void register(Plugin plugin, String source) {
        List<String> routerIds = new ArrayList<>();
        List<String> providerTypes = new ArrayList<>();
        for (RouterFactory f : plugin.routerFactories()) {
            claim(routerSources, "router", f.id(), source);
            routers.put(f.id(), f);
            routerIds.add(f.id());
            LOG.info(() -> "plugin router '" + f.id() + "' from " + source);
        }
        for (ProviderAdapterFactory f : plugin.providerAdapterFactories()) {
            claim(providerSources, "provider", f.type(), source);
            providers.put(f.type(), f);
            providerTypes.add(f.type());
            LOG.info(() -> "plugin provider '" + f.type() + "' from " + source);
        }
        if (routerIds.isEmpty() && providerTypes.isEmpty()) {
            throw new PluginLoadException("plugin " + plugin.name() + " from " + source + " contributes no router and no provider");
        }
        loaded.add(new PluginRegistry.LoadedPlugin(plugin.name(), source, routerIds, providerTypes));
    }

    private static void claim(Map<String, String> sources, String kind, String id, String source) {
        if (id == null || id.isBlank()) {
            throw new PluginLoadException("a " + kind + " factory from " + source + " has no id");
        }
        String previous = sources.putIfAbsent(id, source);
        if (previous != null) {
            throw new PluginLoadException("two plugins provide " + kind + " '" + id + "': " + previous + " and " + source
                    + "; remove one of them");
        }
    }

    private static List<Plugin> services(ServiceLoader<Plugin> loader, String where) {
        List<Plugin> out = new ArrayList<>();
        try {
            loader.forEach(out::add);
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("cannot load plugin from " + where + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String sourceOf(Plugin p) {
        CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "classpath";
        }
        String path = cs.getLocation().getPath();
        int slash = path.replaceAll("/$", "").lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new PluginLoadException("bad plugin jar path " + jar, e);
        }
    }
}
