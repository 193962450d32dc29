package dev.switchboard.tests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One source for what a plugin accepts: every built-in router and provider type has an option table
 * in the README, marked {@code <!-- options: router <id> -->} or {@code <!-- options: provider <type> -->},
 * whose rows match the factory's {@link OptionSpec}s: name, type (with {@code , secret}), required, and
 * the default when the spec has one. Rows for nested keys ({@code categories.<name>.models}) may
 * follow their option. On a mismatch the message prints the table the specs describe.
 */
class ReadmeOptionTablesTest {
    static final Path README = Path.of(System.getProperty("switchboard.readme", "../../README.md"));

    @Test
    void everyBuiltInPluginsOptionTableMatchesItsSpecs() throws Exception {
        List<String> readme = Files.readAllLines(README);
        Map<String, List<OptionSpec>> plugins = builtInSpecs();
        assertTrue(plugins.size() >= 11, "built-in plugins on the class path: " + plugins.keySet());
        List<String> problems = new ArrayList<>();
        plugins.forEach((marker, specs) -> problems.addAll(check(marker, specs, readme)));
        assertEquals(List.of(), problems, () -> String.join("\n\n", problems));
    }

    private static Map<String, List<OptionSpec>> builtInSpecs() {
        Map<String, List<OptionSpec>> out = new LinkedHashMap<>();
        for (Plugin p : ServiceLoader.load(Plugin.class)) {
            p.routerFactories().forEach(f -> out.put("router " + f.id(), f.options()));
            p.providerAdapterFactories().forEach(f -> out.put("provider " + f.type(), f.options()));
        }
        return out;
    }

    private static List<String> check(String marker, List<OptionSpec> specs, List<String> readme) {
        int at = readme.indexOf("<!-- options: " + marker + " -->");
        if (at < 0) {
            return List.of("no option table marked <!-- options: " + marker + " --> in README.md; it should be:\n" + table(specs));
        }
        Map<String, String[]> rows = rows(readme, at + 1);
        List<String> problems = new ArrayList<>();
        for (OptionSpec spec : specs) {
            String[] row = rows.remove(spec.name());
            if (row == null) {
                problems.add(marker + ": no row for option '" + spec.name() + "'; expected " + row(spec));
            } else if (!row[1].equals(type(spec)) || !row[2].equals(spec.required() ? "yes" : "no")
                    || spec.defaultValue() != null && !row[3].equals(defaultCell(spec))) {
                problems.add(marker + ": row of '" + spec.name() + "' says " + String.join(" | ", row) + "; expected " + row(spec));
            }
        }
        rows.keySet().removeIf(name -> specs.stream().anyMatch(s -> name.startsWith(s.name() + ".")));
        rows.keySet().forEach(name -> problems.add(marker + ": row '" + name + "' is no option of the plugin"));
        if (!problems.isEmpty()) {
            problems.add(marker + ": the specs describe\n" + table(specs));
        }
        return problems;
    }

    /** The rows of the table that starts after the marker: option name (backticks removed) to cells. */
    private static Map<String, String[]> rows(List<String> readme, int from) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        int i = from;
        while (i < readme.size() && !readme.get(i).startsWith("|")) {
            i++;
        }
        assertFalse(i >= readme.size(), "a table after the marker");
        assertEquals("| Option | Type | Required | Default | Meaning |", readme.get(i).trim(), "the table's header");
        for (i += 2; i < readme.size() && readme.get(i).startsWith("|"); i++) {
            String[] cells = readme.get(i).substring(1, readme.get(i).lastIndexOf('|')).split("(?<!\\\\)\\|", -1);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].trim();
            }
            rows.put(cells[0].replace("`", ""), cells);
        }
        return rows;
    }

    private static String type(OptionSpec spec) {
        return spec.type().label() + (spec.secret() ? ", secret" : "");
    }

    private static String defaultCell(OptionSpec spec) {
        return spec.defaultValue() == null ? "—" : "`" + spec.defaultValue() + "`";
    }

    private static String row(OptionSpec spec) {
        return "| `" + spec.name() + "` | " + type(spec) + " | " + (spec.required() ? "yes" : "no") + " | " + defaultCell(spec)
                + " | " + spec.description() + " |";
    }

    private static String table(List<OptionSpec> specs) {
        return "| Option | Type | Required | Default | Meaning |\n|---|---|---|---|---|\n"
                + specs.stream().map(ReadmeOptionTablesTest::row).collect(Collectors.joining("\n"));
    }
}
