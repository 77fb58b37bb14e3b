package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.toy.NeuralNetworkConformance;

/** The Toy facade conformance suite on the plain backend. */
class PlainNeuralNetworkTest extends NeuralNetworkConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
