package dev.switchboard.tests.lifecycle;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test plugin, loaded from a jar in a plugin directory (its own class loader), whose routers and
 * adapters write each creation and close to the file named by their {@code close-log} option, so the
 * test can count them across class loaders: router {@code counting} always answers its {@code model};
 * provider type {@code counting} serves nothing and, with {@code fail-close: true}, throws on close.
 */
public final class CountingPlugin implements Plugin {
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static volatile Path log;

    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new CountingRouterFactory());
    }

    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new CountingAdapterFactory());
    }

    static synchronized void write(String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int created(String what, String logFile) {
        log = Path.of(logFile);
        int n = SERIAL.incrementAndGet();
        write("create " + what + " #" + n);
        return n;
    }

    /** Router {@code counting}. */
    public static final class CountingRouterFactory implements RouterFactory {
        @Override
        public String id() {
            return "counting";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.string("model", "the model to answer").asRequired(),
                    OptionSpec.string("close-log", "file to append creations and closes to").asRequired());
        }

        @Override
        public Router create(JsonObject options, RouterContext context) {
            return new CountingRouter(options.getString("model"), created("router", options.getString("close-log")));
        }

        @Override
        public void close() {
            write("close router-factory");
        }
    }

    /** A router that answers one model and logs its close. */
    record CountingRouter(String model, int serial) implements Router {
        @Override
        public RoutingDecision route(RoutingRequest request) {
            return RoutingDecision.of(List.of(model), "counting #" + serial);
        }

        @Override
        public void close() {
            write("close router #" + serial);
        }
    }

    /** Provider type {@code counting}. */
    public static final class CountingAdapterFactory implements ProviderAdapterFactory {
        @Override
        public String type() {
            return "counting";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.string("close-log", "file to append creations and closes to").asRequired(),
                    OptionSpec.bool("fail-close", "throw from close()").withDefault(false));
        }

        @Override
        public ProviderAdapter create(ProviderContext context) {
            return new CountingAdapter(created("adapter", context.options().getString("close-log")),
                    context.options().getBoolean("fail-close"));
        }

        @Override
        public void close() {
            write("close adapter-factory");
        }
    }

    /** An adapter that serves nothing and logs its close. */
    record CountingAdapter(int serial, boolean failClose) implements ProviderAdapter {
        @Override
        public void close() {
            write("close adapter #" + serial);
            if (failClose) {
                throw new IllegalStateException("close failed on purpose");
            }
        }

        @Override
        public UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model) {
            throw new UnsupportedOperationException("serves nothing");
        }

        @Override
        public ChatResponse decodeResponse(Buffer body, ModelDescriptor model) {
            throw new UnsupportedOperationException("serves nothing");
        }

        @Override
        public StreamDecoder streamDecoder(ModelDescriptor model) {
            throw new UnsupportedOperationException("serves nothing");
        }

        @Override
        public ProviderException mapError(int status, MultiMap headers, Buffer body) {
            throw new UnsupportedOperationException("serves nothing");
        }
    }
}
