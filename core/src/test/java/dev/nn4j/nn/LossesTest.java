package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void idsRoundTripToNewInstances() {
        for (String id : Losses.ids()) {
            Loss loss = Losses.parse(id.toUpperCase());
            assertEquals(id, loss.id());
            assertNotSame(loss, Losses.parse(id));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.parse("hinge"));
        assertTrue(e.getMessage().contains("hinge") && e.getMessage().contains("mse"));
    }

    @Test
    void onlySoftmaxCrossEntropyFusesAndOnlyWithSoftmax() {
        assertTrue(Losses.softmaxCrossEntropy().fusesWith(Activation.SOFTMAX));
        assertFalse(Losses.softmaxCrossEntropy().fusesWith(Activation.SIGMOID));
        assertFalse(Losses.mse().fusesWith(Activation.SOFTMAX));
        assertThrows(UnsupportedOperationException.class,
                () -> Losses.mse().computeFromPreActivation(null, null, null));
    }
}
