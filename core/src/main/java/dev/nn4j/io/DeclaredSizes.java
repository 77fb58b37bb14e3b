package dev.nn4j.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks, before a model is built from a file, that the architecture does not need more
 * parameter values than the file holds: a header claiming a {@code 100000 -> 100000} dense
 * layer over a few bytes of data is refused with {@link ModelFormatException} instead of
 * allocating 40 GB. Counts the layers whose sizes it can read from their {@code inputs} and
 * {@code outputs} fields ({@code inputs·outputs + outputs} values each); the exact
 * name-and-shape match of every tensor follows after the build.
 */
final class DeclaredSizes {
    private DeclaredSizes() {
    }

    /** Throws unless the layers of {@code spec} need at most {@code held} parameter values. */
    static void check(Path file, Map<String, Object> spec, long held) throws ModelFormatException {
        Object layers = spec.get("layers");
        if (!(layers instanceof List)) {
            return;                                   // ModelSpec reports the missing field by name
        }
        long needed = 0;
        List<?> list = (List<?>) layers;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                continue;
            }
            Map<?, ?> layer = (Map<?, ?>) list.get(i);
            if (!(layer.get("inputs") instanceof Number) || !(layer.get("outputs") instanceof Number)) {
                continue;
            }
            long in = ((Number) layer.get("inputs")).longValue();
            long out = ((Number) layer.get("outputs")).longValue();
            if (in < 1 || out < 1 || in > Integer.MAX_VALUE || out > Integer.MAX_VALUE) {
                throw new ModelFormatException(file, "layers[" + i + "]: sizes " + in + " -> " + out
                        + " are impossible; each must be in 1.." + Integer.MAX_VALUE);
            }
            needed += in * out + out;                 // each term < 2^62; the check below runs before a second can overflow
            if (needed > held) {
                throw new ModelFormatException(file, "layers[" + i + "] (" + in + " -> " + out + ") brings the"
                        + " architecture to " + needed + " parameter values, but the file holds only " + held);
            }
        }
    }
}
