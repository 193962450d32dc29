package dev.switchboard.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a YAML or JSON config (or the bundled default), interpolates {@code ${VAR}} references,
 * validates it and builds {@link SwitchboardConfig}. Blocking file I/O: call before deploying
 * verticles or in {@code executeBlocking}.
 */
public final class ConfigLoader {

    /** The classpath resource of the bundled default configuration. */
    public static final String DEFAULT_RESOURCE = "switchboard-default.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /**
     * Loads a config file, or the bundled default when {@code file} is null.
     *
     * @throws ConfigException listing every problem
     */
    public static SwitchboardConfig load(Path file, PluginTypes types, Function<String, String> env) {
        return fromTree(file == null ? readDefault() : readTree(file), types, env);
    }

    /** Validates an already parsed tree. */
    public static SwitchboardConfig fromTree(JsonObject raw, PluginTypes types, Function<String, String> env) {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, String> envRefs = new HashMap<>();
        JsonObject tree = new Interpolator(env, errors, envRefs).apply(raw);
        SwitchboardConfig config = new ConfigBinder(types, errors, env).bind(tree, envRefs);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config;
    }

    /**
     * Interpolates one value outside a full load (e.g. {@code plugins.dir}, needed before the
     * plugins that validation depends on are loaded).
     */
    public static String interpolate(String value, Function<String, String> env) {
        List<ConfigError> errors = new ArrayList<>();
        JsonObject out = new Interpolator(env, errors, new HashMap<>()).apply(new JsonObject().put("v", value));
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return out.getString("v");
    }

    /** Parses a YAML or JSON file (YAML is a superset of JSON) into a tree. */
    public static JsonObject readTree(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "config file not found: " + file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** Parses the bundled default configuration. */
    public static JsonObject readDefault() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + DEFAULT_RESOURCE, e);
        }
    }

    /** Parses YAML/JSON text (used by tests and the admin API). */
    public static JsonObject parse(String text, String source) {
        return parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    }

    private static JsonObject parse(InputStream in, String source) {
        Object value;
        try {
            value = YAML.readValue(in, Object.class);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new ConfigException("", source + " is not valid YAML/JSON: " + msg);
        }
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof Map)) {
            throw new ConfigException("", source + " must hold a mapping of keys (server, providers, models, routes...) at the top");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new JsonObject(io.vertx.core.json.Json.encode(map));
    }
}
