package dev.nn4j.examples;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import picocli.CommandLine.Option;

/** The {@code --backend NAME} option shared by the demos. */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run on (plain, ejml, nd4j). Default: -Dnn4j.backend, then NN4J_BACKEND, "
                    + "then the available backend with the highest priority.")
    String name;

    /** The chosen backend, also made the JVM-wide default so that every part of the demo uses it. */
    Backend resolve() {
        if (name != null) {
            Backends.setDefault(name);
        }
        return Backends.get();
    }
}
