package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The help of the image-classification commands says what they train and one default per option. */
class HelpTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist", "mnist", "digits"})
    void helpNamesBothModelsAndOneTargetDefault(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(0, r.code(), r.all());
        String help = r.out().replaceAll("\\s+", " ");
        assertFalse(help.contains("Trains an MLP"), help);
        assertTrue(help.contains("--model cnn") || help.contains("CNN"), help);
        assertFalse(help.contains("default: no target)"), help);
        assertTrue(help.contains("(default: 0.9 for digits, no target for fashion-mnist and mnist)"), help);
    }
}
