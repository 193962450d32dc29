package dev.switchboard.tests.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests. No maintained Java
 * parser of this format is published on Maven Central (client_java only writes it), so this one
 * follows the format's specification and rejects what a Prometheus server would reject: bad names,
 * bad escapes, duplicate series, a TYPE after its samples or twice, a family split in two, and
 * histograms whose buckets are not cumulative or whose {@code +Inf} bucket is not {@code _count}.
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its TYPE, HELP and samples (histograms: their _bucket, _sum and _count lines). */
    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    /** Parses a whole scrape; throws {@link IllegalArgumentException} naming the line on any violation. */
    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        p.read(text);
        return p;
    }

    Map<String, Family> families() {
        return Collections.unmodifiableMap(families);
    }

    /** The family, or an assertion error listing similar names. */
    Family family(String name) {
        Family f = families.get(name);
        if (f == null) {
            throw new AssertionError("no metric family " + name + "; have " + families.keySet().stream()
                    .filter(n -> n.startsWith(name.substring(0, Math.min(12, name.length())))).toList());
        }
        return f;
    }

    /** Sum of the samples named {@code sample} whose labels include every given label. */
    double sum(String sample, Map<String, String> labels) {
        double total = 0;
        for (Family f : families.values()) {
            for (Sample s : f.samples()) {
                if (s.name().equals(sample) && s.labels().entrySet().containsAll(labels.entrySet())) {
                    total += s.value();
                }
            }
        }
        return total;
    }

    private void read(String text) {
        Set<String> seen = new HashSet<>();
        Set<String> closed = new HashSet<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a newline");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "': ";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && ("HELP".equals(parts[1]) || "TYPE".equals(parts[1]))) {
                    String name = parts[2];
                    check(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
                    String rest = parts.length == 4 ? parts[3] : "";
                    if ("TYPE".equals(parts[1])) {
                        check(TYPES.contains(rest), where + "unknown type '" + rest + "'");
                        check(types.put(name, rest) == null, where + "second TYPE for " + name);
                        check(!families.containsKey(name), where + "TYPE after samples of " + name);
                    } else {
                        check(helps.put(name, unescape(rest, false, where)) == null, where + "second HELP for " + name);
                    }
                }
                continue;
            }
            Sample s;
            try {
                s = sample(line, where);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(where + "unterminated labels", e);
            }
            String family = familyOf(s.name(), types);
            if (!family.equals(current)) {
                check(!closed.contains(family), where + "samples of " + family + " are not contiguous");
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
            check(seen.add(s.name() + new TreeMap<>(s.labels())), where + "duplicate series");
            String type = types.getOrDefault(family, "untyped");
            families.computeIfAbsent(family, n -> new Family(n, type, helps.get(n), new ArrayList<>())).samples().add(s);
        }
        families.values().stream().filter(f -> "histogram".equals(f.type())).forEach(PrometheusText::checkHistogram);
    }

    private static String familyOf(String sample, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String t = types.get(base);
                if ("histogram".equals(t) || ("summary".equals(t) && !"_bucket".equals(suffix))) {
                    return base;
                }
            }
        }
        return sample;
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> series = new TreeMap<>(s.labels());
                check(series.remove("le") != null, f.name() + ": bucket without le");
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(new TreeMap<>(s.labels()), s.value());
            }
        }
        buckets.forEach((series, list) -> {
            double lastLe = Double.NEGATIVE_INFINITY;
            double lastValue = 0;
            for (Sample b : list) {
                double le = number(b.labels().get("le"), f.name());
                check(le > lastLe, f.name() + series + ": le not increasing");
                check(b.value() >= lastValue, f.name() + series + ": buckets not cumulative");
                lastLe = le;
                lastValue = b.value();
            }
            check(lastLe == Double.POSITIVE_INFINITY, f.name() + series + ": no +Inf bucket");
            check(counts.get(series) != null && counts.get(series) == lastValue, f.name() + series + ": +Inf bucket is not _count");
        });
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        check(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                check(eq > 0, where + "label without '='");
                String label = line.substring(i, eq);
                check(LABEL_NAME.matcher(label).matches(), where + "bad label name '" + label + "'");
                check(line.charAt(eq + 1) == '"', where + "label value must be quoted");
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        check(e == '\\' || e == '"' || e == 'n', where + "bad escape \\" + e);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                }
                check(labels.put(label, value.toString()) == null, where + "label " + label + " twice");
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    check(line.charAt(i) == '}', where + "expected ',' or '}'");
                }
            }
            i++;
        }
        check(i < line.length() && line.charAt(i) == ' ', where + "expected a space before the value");
        String[] rest = line.substring(i + 1).trim().split(" +");
        check(rest.length == 1 || rest.length == 2, where + "expected a value and an optional timestamp");
        double value = number(rest[0], where);
        if (rest.length == 2) {
            check(rest[1].matches("-?\\d+"), where + "timestamp must be an integer (ms)");
        }
        return new Sample(name, labels, value);
    }

    private static double number(String s, String where) {
        switch (s) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                check(s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"), where + "bad number '" + s + "'");
                return Double.parseDouble(s);
        }
    }

    private static String unescape(String s, boolean quotes, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                check(e == '\\' || e == 'n' || (quotes && e == '"'), where + "bad escape \\" + e);
                out.append(e == 'n' ? '\n' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
