package dev.switchboard.engine.plugin;

/**
 * The parent of every plugin jar's class loader: it exposes the JDK, the SPI and the Vert.x,
 * Netty and Jackson types the SPI uses, and nothing else of the engine, so a plugin cannot
 * depend on engine internals or clash with the engine's libraries.
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
