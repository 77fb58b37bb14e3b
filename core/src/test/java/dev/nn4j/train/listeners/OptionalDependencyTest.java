package dev.nn4j.train.listeners;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionalDependencyTest {

    @Test
    void aMissingLibraryIsNamedWithItsMavenCoordinates() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OptionalDependency.require("org.example.Absent", "ProgressBarListener", "org.example:absent:1.2"));
        String m = e.getMessage();
        assertTrue(m.startsWith("ProgressBarListener needs the optional library org.example:absent:1.2"), m);
        assertTrue(m.contains("<groupId>org.example</groupId><artifactId>absent</artifactId><version>1.2</version>"), m);
        assertTrue(m.contains("org.example.Absent"), m);
    }

    @Test
    void presentLibrariesPass() {
        assertDoesNotThrow(() -> OptionalDependency.require("me.tongfei.progressbar.ProgressBar", "x",
                OptionalDependency.PROGRESSBAR));
        assertDoesNotThrow(() -> OptionalDependency.require("org.knowm.xchart.XYChart", "x", OptionalDependency.XCHART));
    }
}
