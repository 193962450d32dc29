package dev.switchboard.quality.prototype;

import dev.switchboard.quality.Clock;
import dev.switchboard.quality.EvalItem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Embedding time of long prompts (the issue's "2 KB prompt, cold cache" case): distinct 2048-char
 * texts made by joining consecutive evaluation prompts, each embedded once after a warm-up.
 */
public final class EmbeddingLatency {
    private EmbeddingLatency() {
    }

    /** Prints wall and CPU p50/p99 of embedding {@code count} distinct texts of {@code chars} characters. */
    public static void print(MiniLmEmbedder embedder, List<EvalItem> eval, int chars, int count, PrintStream out) {
        List<String> texts = texts(eval, chars, count * 2);
        texts.subList(0, count).forEach(embedder::embed); // warm-up on other texts: the measured ones are never seen
        long[] wall = new long[count];
        long[] cpu = new long[count];
        for (int i = 0; i < count; i++) {
            String t = texts.get(count + i);
            long c = Clock.cpu();
            long s = System.nanoTime();
            embedder.embed(t);
            wall[i] = System.nanoTime() - s;
            cpu[i] = Clock.cpu() - c;
        }
        out.printf(Locale.ROOT, "Embedding %d distinct %d-char prompts (one intra-op thread): wall p50 %.2f ms,"
                + " p99 %.2f ms; CPU p50 %.2f ms, p99 %.2f ms%n%n", count, chars, pct(wall, 50), pct(wall, 99),
                pct(cpu, 50), pct(cpu, 99));
    }

    private static List<String> texts(List<EvalItem> eval, int chars, int count) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; out.size() < count; i++) {
            sb.append(eval.get(i % eval.size()).text()).append('\n');
            if (sb.length() >= chars) {
                out.add(sb.substring(0, chars) + " #" + out.size());
                sb.setLength(0);
            }
        }
        return out;
    }

    private static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }
}
