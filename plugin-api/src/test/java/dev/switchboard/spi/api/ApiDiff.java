package dev.switchboard.spi.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two contract dumps, type by type: additions (compatible) and the changes
 * that break a plugin compiled against the old one (a removed type or member, a changed type
 * declaration, an abstract method added to a type that existed). Members marked
 * {@code @Experimental} may change without counting as incompatible.
 */
record ApiDiff(List<String> added, List<String> incompatible, List<String> experimentalChanges) {

    static ApiDiff between(String before, String after) {
        Map<String, Set<String>> old = blocks(before);
        Map<String, Set<String>> now = blocks(after);
        List<String> added = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        List<String> experimental = new ArrayList<>();
        for (Map.Entry<String, Set<String>> type : old.entrySet()) {
            Set<String> members = now.get(type.getKey());
            if (members == null) {
                (type.getKey().startsWith("@Experimental") ? experimental : incompatible).add("removed or changed type: " + type.getKey());
                continue;
            }
            for (String m : type.getValue()) {
                if (!members.contains(m)) {
                    (m.startsWith("@Experimental") ? experimental : incompatible).add("removed or changed in " + name(type.getKey()) + ": " + m);
                }
            }
            for (String m : members) {
                if (!type.getValue().contains(m)) {
                    boolean breaks = m.contains(" abstract ") || m.startsWith("public abstract ");
                    (breaks ? incompatible : added).add((breaks ? "abstract method added to " : "added to ") + name(type.getKey()) + ": " + m);
                }
            }
        }
        for (String type : now.keySet()) {
            if (!old.containsKey(type)) {
                added.add("added type: " + type);
            }
        }
        return new ApiDiff(List.copyOf(added), List.copyOf(incompatible), List.copyOf(experimental));
    }

    boolean isEmpty() {
        return added.isEmpty() && incompatible.isEmpty() && experimentalChanges.isEmpty();
    }

    String describe() {
        StringBuilder out = new StringBuilder();
        incompatible.forEach(l -> out.append("  INCOMPATIBLE ").append(l).append('\n'));
        experimentalChanges.forEach(l -> out.append("  experimental ").append(l).append('\n'));
        added.forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }

    /** Type declaration line to its member lines. */
    private static Map<String, Set<String>> blocks(String dump) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : dump.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("  ")) {
                if (current != null) {
                    current.add(line.substring(2));
                }
            } else {
                current = new LinkedHashSet<>();
                out.put(line, current);
            }
        }
        return out;
    }

    private static String name(String declaration) {
        String[] words = declaration.split(" ");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("class") || words[i].equals("interface") || words[i].equals("enum") || words[i].equals("record")) {
                return words[i + 1];
            }
        }
        return declaration;
    }
}
