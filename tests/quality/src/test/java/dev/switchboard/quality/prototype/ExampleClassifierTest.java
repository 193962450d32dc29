package dev.switchboard.quality.prototype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nearest centroid and k nearest examples on hand-made unit vectors. */
class ExampleClassifierTest {

    private static float[] unit(double angleDegrees) {
        double a = Math.toRadians(angleDegrees);
        return new float[] {(float) Math.cos(a), (float) Math.sin(a)};
    }

    private static Map<String, List<float[]>> examples() {
        Map<String, List<float[]>> m = new LinkedHashMap<>();
        m.put("east", List.of(unit(-20), unit(20)));           // centroid at 0 degrees
        m.put("north", List.of(unit(80), unit(100), unit(46))); // centroid near 75 degrees, one outlier at 46
        return m;
    }

    @Test
    void centroidPicksTheClosestMeanAndReportsTheMargin() {
        ExampleClassifier c = new ExampleClassifier(examples(), ExampleClassifier.Mode.CENTROID, 0);
        ExampleClassifier.Prediction p = c.predict(unit(30));
        assertEquals("east", p.label());
        assertEquals("north", p.runnerUp());
        assertEquals(p.score() - Math.cos(Math.toRadians(30 - centroidAngle(80, 100, 46))), p.margin(), 1e-4);
        assertEquals("north", c.predict(unit(60)).label());
    }

    @Test
    void nearestNeighboursVoteBySimilarity() {
        // at 35 degrees: the 46-degree outlier is the single nearest example, the centroid of "east" is nearer
        ExampleClassifier one = new ExampleClassifier(examples(), ExampleClassifier.Mode.KNN, 1);
        assertEquals("north", one.predict(unit(35)).label());
        ExampleClassifier centroid = new ExampleClassifier(examples(), ExampleClassifier.Mode.CENTROID, 0);
        assertEquals("east", centroid.predict(unit(35)).label());
    }

    @Test
    void aLabelWithoutExamplesIsRejected() {
        Map<String, List<float[]>> m = new LinkedHashMap<>(examples());
        m.put("west", List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExampleClassifier(m, ExampleClassifier.Mode.CENTROID, 0));
        assertEquals("label 'west' has no examples", e.getMessage());
    }

    private static double centroidAngle(double... degrees) {
        double x = 0;
        double y = 0;
        for (double d : degrees) {
            x += Math.cos(Math.toRadians(d));
            y += Math.sin(Math.toRadians(d));
        }
        return Math.toDegrees(Math.atan2(y, x));
    }
}
