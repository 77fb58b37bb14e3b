package dev.nn4j.examples;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
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

    /**
     * As {@link #resolve()}, but when neither {@code --backend}, the system property nor the
     * environment names a backend, {@code preferred} is used instead of the highest priority,
     * with a note saying why.
     */
    Backend resolvePreferring(String preferred, String why) {
        if (name == null && isBlank(System.getProperty(Backends.PROPERTY)) && isBlank(System.getenv(Backends.ENV))) {
            name = preferred;
            System.out.println("Using the " + preferred + " backend: " + why + " (choose another with --backend NAME).");
        }
        return resolve();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
