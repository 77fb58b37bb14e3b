package dev.nn4j.train.listeners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsLogTest {

    static Map<String, Double> row(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Double) nameValue[i + 1]);
        }
        return m;
    }

    @Test
    void seriesThatStartLateOrSkipAnEpochArePaddedWithNaN() {
        MetricsLog log = new MetricsLog();
        log.append(row("loss", 1.0));
        log.append(row("loss", 0.5, "test_accuracy", 0.7));
        log.append(row("test_accuracy", 0.8));
        assertEquals(3, log.epochs());
        assertEquals(List.of("loss", "test_accuracy"), log.names());
        assertArrayEquals(new double[] {1.0, 0.5, Double.NaN}, log.series("loss"), 0);
        assertArrayEquals(new double[] {Double.NaN, 0.7, 0.8}, log.series("test_accuracy"), 0);
        assertEquals(0.8, log.last("test_accuracy"));
        assertTrue(Double.isNaN(log.last("loss")));
    }

    @Test
    void unknownSeriesNamesWhatExists() {
        MetricsLog log = new MetricsLog();
        log.append(row("loss", 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.series("acc"));
        assertTrue(e.getMessage().contains("'acc'") && e.getMessage().contains("[loss]"), e.getMessage());
    }

    @Test
    void seriesIsACopy() {
        MetricsLog log = new MetricsLog();
        log.append(row("loss", 1.0));
        log.series("loss")[0] = 9;
        assertEquals(1.0, log.last("loss"));
    }

    @Test
    void chartsSelectLossesByEndingAndAccuraciesByContaining() {
        MetricsLog log = new MetricsLog();
        log.append(row("loss", 1.0, "accuracy", 0.5, "test_loss", 1.1, "test_accuracy", 0.4, "seconds", 2.0));
        assertEquals(List.of("loss", "test_loss"), TrainingCharts.select(log, true));
        assertEquals(List.of("accuracy", "test_accuracy"), TrainingCharts.select(log, false));
    }
}
