package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form no cycle: each package is a room a reader can understand from the
 * rooms below it. Reads the compiled classes (every class a class file names: references,
 * descriptors and generic signatures), so a fully qualified name in the code counts as much as an
 * import. A hidden {@code impl} package counts as its parent (the public interface's static
 * factory names its implementation, as in Vert.x).
 */
class PackageCyclesTest {
    private static final String ROOT = "dev/switchboard/engine";
    private static final Pattern REFERENCE = Pattern.compile(ROOT + "((?:/[a-z0-9_]+)*)/([A-Z][A-Za-z0-9_]*)");

    @Test
    void enginePackagesFormNoCycle() throws Exception {
        Map<String, Map<String, String>> graph = packageGraph(Path.of(Switchboard.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()));
        assertTrue(graph.size() > 10, "the engine's classes were found: " + graph.keySet());
        List<List<String>> cycles = cycles(graph);
        assertTrue(cycles.isEmpty(), () -> describe(cycles, graph));
    }

    @Test
    void findsACycleThroughThreePackagesAndNoneInALayering() {
        Map<String, Map<String, String>> cyclic = Map.of("a", Map.of("b", "A -> B"), "b", Map.of("c", "B -> C"),
                "c", Map.of("a", "C -> A", "d", "C -> D"), "d", Map.of());
        assertEquals(List.of(List.of("a", "b", "c")), cycles(cyclic));
        Map<String, Map<String, String>> layered = Map.of("a", Map.of("b", "", "c", ""), "b", Map.of("c", ""), "c", Map.of());
        assertEquals(List.of(), cycles(layered));
    }

    /** Package -> package it uses -> one class-level example ({@code pipeline.ChatService -> auth.Gatekeeper}). */
    private static Map<String, Map<String, String>> packageGraph(Path classes) throws IOException {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/').replace(".class", "");
                String from = packageOf(name.substring(0, name.lastIndexOf('/')));
                Map<String, String> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
                for (String text : constantStrings(file)) {
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        String to = packageOf(ROOT + m.group(1));
                        if (!to.equals(from)) {
                            uses.putIfAbsent(to, shortName(name) + " -> " + to + "." + m.group(2));
                        }
                    }
                }
            }
        }
        return graph;
    }

    /** The package's short name ({@code (root)}, {@code pipeline}, {@code http.responses}), an {@code impl} counted as its parent. */
    private static String packageOf(String path) {
        String p = path.endsWith("/impl") ? path.substring(0, path.length() - "/impl".length()) : path;
        return p.equals(ROOT) ? "(root)" : p.substring(ROOT.length() + 1).replace('/', '.');
    }

    /** {@code pipeline.ChatService} for {@code dev/switchboard/engine/pipeline/ChatService$Dependencies}. */
    private static String shortName(String path) {
        int slash = path.lastIndexOf('/');
        return packageOf(path.substring(0, slash)) + "." + path.substring(slash + 1).replaceAll("\\$.*", "");
    }

    /** The UTF-8 constants of a class file: class names, descriptors, signatures (and string literals). */
    private static List<String> constantStrings(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readInt(); // minor, major
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(data.readUTF());
                    case 7, 8, 16, 19, 20 -> data.skipNBytes(2);
                    case 15 -> data.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipNBytes(4);
                    case 5, 6 -> {
                        data.skipNBytes(8);
                        i++; // a long or double takes two entries
                    }
                    default -> throw new IOException(file + ": unknown constant pool tag " + tag);
                }
            }
        }
        return out;
    }

    /** The strongly connected components of more than one package (Tarjan), each sorted, in order of their first package. */
    static List<List<String>> cycles(Map<String, Map<String, String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> found = new ArrayList<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, found);
            }
        }
        found.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return found;
    }

    private static void connect(String v, Map<String, Map<String, String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, List<List<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            TreeSet<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(List.copyOf(component));
            }
        }
    }

    /** Each cycle with its edges and one class-level reference per edge, so the reader sees what to move. */
    private static String describe(List<List<String>> cycles, Map<String, Map<String, String>> graph) {
        StringBuilder out = new StringBuilder("package cycles in the engine (move a type to the package that owns it, "
                + "or add a small interface in the lower package):");
        for (List<String> cycle : cycles) {
            out.append("\n  ").append(cycle);
            for (String from : cycle) {
                graph.get(from).forEach((to, example) -> {
                    if (cycle.contains(to)) {
                        out.append("\n    ").append(from).append(" -> ").append(to).append("   e.g. ").append(example);
                    }
                });
            }
        }
        return out.toString();
    }
}
