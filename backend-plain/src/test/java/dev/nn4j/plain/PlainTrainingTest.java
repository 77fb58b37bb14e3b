package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.TrainingConformance;

/** The training conformance suite on the plain backend. */
class PlainTrainingTest extends TrainingConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
