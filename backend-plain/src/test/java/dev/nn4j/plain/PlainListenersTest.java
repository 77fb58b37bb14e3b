package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ListenersConformance;

/** The listener conformance suite on the plain backend. */
class PlainListenersTest extends ListenersConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
