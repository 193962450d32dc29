package dev.switchboard.engine.plugin;

/**
 * The parent of every plugin jar's class loader: it exposes the JDK, the contract
 * ({@code dev.switchboard.spi.*}, module {@code plugin-api}) and the libraries the contract is
 * written in (Vert.x core, with the Netty and Jackson it needs), and nothing else of the engine, so
 * a plugin cannot depend on engine internals or clash with the engine's libraries.
 *
 * <p>The toolkit ({@code dev.switchboard.toolkit.*}) is deliberately not shared: a third-party jar
 * bundles the toolkit version it was built with, so the toolkit can change between releases
 * without breaking plugins, and nothing toolkit-typed crosses the boundary (the contract passes
 * kept JSON bytes as {@code RawJson}, an interface of the contract). Built-in plugins live on the
 * engine's class path and use the engine's copy.
 */
final class SpiOnlyClassLoader extends ClassLoader {
    private static final String[] SHARED = {"dev.switchboard.spi.", "io.vertx.core.", "io.netty.", "com.fasterxml.jackson."};
    private final ClassLoader app;

    SpiOnlyClassLoader(ClassLoader app) {
        super("switchboard-spi", ClassLoader.getPlatformClassLoader());
        this.app = app;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return app.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }
}
