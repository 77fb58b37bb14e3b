package dev.nn4j.data;

import java.util.Objects;

/** A training set and a test set loaded together, e.g. by {@link MnistFormat#load}. */
public record TrainTest(Dataset train, Dataset test) {

    /** Checks that both sets are present. */
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
