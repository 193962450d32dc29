package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterCacheTest {

    @Test
    void aLabelSetIsCreatedOnceAndFoundAgain() {
        List<String> created = new ArrayList<>();
        MeterCache<String> c = MeterCache.unbounded(v -> {
            created.add(String.join("/", v));
            return String.join("/", v);
        });
        assertSame(c.get("a", "b", "c", "d"), c.get("a", "b", "c", "d"));
        assertEquals("a/b/c/e", c.get("a", "b", "c", "e"));
        assertEquals("x", c.get("x"));
        assertEquals(List.of("a/b/c/d", "a/b/c/e", "x"), created);
        assertEquals(3, c.series());
    }

    @Test
    void beyondTheCapTheOverflowAnswers() {
        MeterCache<String> c = new MeterCache<>(2, v -> v[0], v -> "other");
        assertEquals("k1", c.get("k1"));
        assertEquals("k2", c.get("k2"));
        assertEquals("other", c.get("k3"));
        assertEquals("other", c.get("k3"));
        assertEquals("k1", c.get("k1"), "a name labelled before the cap keeps its label");
        assertEquals(2, c.series());
    }
}
