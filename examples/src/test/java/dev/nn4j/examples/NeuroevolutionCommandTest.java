package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.toy.NeuralNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuroevolutionCommandTest {
    @TempDir
    Path dir;

    @Test
    void evolvesANetworkThatBalancesTheFullEpisodeAndReplaysIt() throws IOException {
        Cli.Result r = Cli.run("neuroevolution", "--backend", "plain", "--out", dir.toString(), "--seed", "42",
                "--population", "20", "--episodes", "3");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  generation   1  best "), r.out());
        assertTrue(r.out().contains("Learned: best network's steps balanced (mean over 3 episodes) 500 >= threshold 500"),
                r.out());
        Cli.png(dir.resolve("neuroevolution-fitness.png"), 800, 450);
        Cli.png(dir.resolve("neuroevolution-filmstrip.png"), 960, 180);
        Path json = dir.resolve("neuroevolution-best.json");
        NeuralNetwork best = NeuralNetwork.fromJson(Files.readString(json));
        assertEquals(4, best.inputCount());

        Files.delete(dir.resolve("neuroevolution-filmstrip.png"));
        Cli.Result replay = Cli.run("neuroevolution", "--backend", "plain", "--out", dir.toString(), "--replay",
                json.toString(), "--seed", "42");
        assertEquals(0, replay.code(), replay.all());
        assertTrue(replay.out().contains("After 500 steps (10.0 s)"), replay.out());
        Cli.png(dir.resolve("neuroevolution-filmstrip.png"), 960, 180);
    }

    @Test
    void tooFewGenerationsFailWithTheNumbers() {
        Cli.Result r = Cli.run("neuroevolution", "--backend", "plain", "--out", dir.toString(), "--seed", "3",
                "--population", "4", "--elite", "1", "--generations", "1");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*NOT learned: best network's steps balanced \\(mean over 5 episodes\\) [\\d.]+ "
                + "is below the threshold 500\\n.*"), r.out());
        assertEquals(2, Cli.run("neuroevolution", "--elite", "4", "--population", "4").code());
    }

    @Test
    void oneStepFromRestMatchesTheEquationsWorkedByHand() {
        // force +10 N: temp = 10 / 1.1; thetaAcc = -temp / (0.5 (4/3 - 0.1 / 1.1)); xAcc = temp - 0.05 thetaAcc / 1.1
        CartPole cp = new CartPole(0, 0, 0, 0);
        cp.step(true);
        double temp = 10 / 1.1;
        double thetaAcc = -temp / (0.5 * (4.0 / 3 - 0.1 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc / 1.1;
        assertEquals(-14.634146, thetaAcc, 1e-6);
        assertEquals(9.756098, xAcc, 1e-6);
        assertEquals(0, cp.x, 0);
        assertEquals(0.02 * xAcc, cp.xDot, 1e-12);
        assertEquals(0, cp.theta, 0);
        assertEquals(0.02 * thetaAcc, cp.thetaDot, 1e-12);
        cp.step(true);
        assertEquals(0.02 * 0.02 * xAcc, cp.x, 1e-12);
        assertEquals(0.02 * 0.02 * thetaAcc, cp.theta, 1e-12);
    }

    @Test
    void alwaysPushingOneWayDropsThePoleWithinASecond() {
        CartPole cp = new CartPole(0, 0, 0, 0);
        int t = 0;
        while (cp.upright() && t < 500) {
            cp.step(true);
            t++;
        }
        assertFalse(cp.upright());
        assertTrue(t < 50 && cp.theta < -CartPole.ANGLE_LIMIT, "fell back after " + t + " steps, angle " + cp.theta);
    }
}
