package dev.switchboard.spi.api;

import dev.switchboard.spi.Experimental;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The public contract as text: one block per public type (its declaration, then one sorted line
 * per public or protected constructor, method and field, each with its generic signature and
 * modifiers, {@code @Experimental} marked). Read by reflection from the compiled classes, so it is
 * what a plugin links against.
 */
final class ContractDump {
    private ContractDump() {
    }

    /** The dump of every public type under {@code classes} (a class-path directory). */
    static String of(Path classes) throws IOException {
        TreeMap<String, List<String>> types = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/').replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                if (isApi(type)) {
                    types.put(type.getName(), describe(type));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        types.values().forEach(lines -> lines.forEach(l -> out.append(l).append('\n')));
        return out.toString();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContractDump.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    /** Public, and every enclosing type public: what a plugin can name. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> describe(Class<?> type) {
        List<String> members = new ArrayList<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            add(members, c, c.toGenericString());
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isBridge()) {
                add(members, m, m.toGenericString());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            add(members, f, f.toGenericString());
        }
        members.sort(null);
        List<String> lines = new ArrayList<>();
        lines.add(experimental(type.isAnnotationPresent(Experimental.class)) + declaration(type));
        members.forEach(m -> lines.add("  " + m));
        return lines;
    }

    private static void add(List<String> members, Member m, String signature) {
        int mod = m.getModifiers();
        if (m.isSynthetic() || !(Modifier.isPublic(mod) || Modifier.isProtected(mod))) {
            return;
        }
        boolean experimental = ((java.lang.reflect.AnnotatedElement) m).isAnnotationPresent(Experimental.class);
        String owner = m.getDeclaringClass().getTypeName() + ".";
        members.add(experimental(experimental) + signature.replace(owner, ""));
    }

    private static String declaration(Class<?> type) {
        StringBuilder d = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            d.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            d.append(type.isInterface() ? " extends " : " implements ")
                    .append(String.join(", ", Arrays.stream(interfaces).map(Type::getTypeName).toList()));
        }
        return d.toString();
    }

    private static String experimental(boolean marked) {
        return marked ? "@Experimental " : "";
    }
}
