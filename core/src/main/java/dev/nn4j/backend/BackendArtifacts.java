package dev.nn4j.backend;

import java.util.Locale;

/**
 * What to add when a backend name is not found: the Maven artifact of each nn4j backend, and
 * where CUDA comes from (the ND4J backend's {@code -Pcuda} build; there is no backend named
 * {@code cuda}). Used in {@link Backends}' messages.
 */
final class BackendArtifacts {
    static final String GROUP = "dev.nn4j";

    private BackendArtifacts() {
    }

    /** A sentence that tells how to get backend {@code name}, or "" for a name nn4j does not know. */
    static String hint(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "plain":
            case "ejml":
                return " Its jar is not on the class path: add " + GROUP + ":nn4j-backend-" + n + ".";
            case "nd4j":
                return " Its jar is not on the class path: add " + GROUP + ":nn4j-backend-nd4j-gpu (ND4J on the CPU;"
                        + " for an NVIDIA GPU build that module with -Pcuda, see its README).";
            case "cuda":
            case "gpu":
            case "nd4j-gpu":
                return " nn4j runs on a GPU through its nd4j backend: add " + GROUP + ":nn4j-backend-nd4j-gpu built with"
                        + " its -Pcuda profile (CUDA 11.6, see the module's README) and choose the backend 'nd4j'.";
            default:
                return "";
        }
    }
}
