package dev.nn4j.io;

import dev.nn4j.nn.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks, before a model is built from a file, that the architecture does not need more
 * parameter values than the file holds: a header claiming a {@code 100000 -> 100000} dense
 * layer, or a convolution of a million filters, over a few bytes of data is refused with
 * {@link ModelFormatException} instead of allocating gigabytes. The counts come from the
 * builder's shape inference ({@link Sequential.Builder#storedValuesPerLayer()}), so every layer
 * type is covered; the exact name-and-shape match of every tensor follows after the build.
 */
final class DeclaredSizes {
    private DeclaredSizes() {
    }

    /**
     * Throws unless the entries of {@code spec}'s list {@code key} ({@code layers} of a
     * {@code Sequential}, {@code nodes} of a graph), whose counts {@code perEntry} gives, need at
     * most {@code held} values.
     */
    static void check(Path file, Map<String, Object> spec, String key, java.util.function.Supplier<long[]> perEntry,
                      long held) throws ModelFormatException {
        long[] values;
        try {
            values = perEntry.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid model architecture: " + e.getMessage(), e);
        }
        List<?> layers = spec.get(key) instanceof List<?> l ? l : List.of();
        long needed = 0;
        for (int i = 0; i < values.length; i++) {
            needed = values[i] > Long.MAX_VALUE - needed ? Long.MAX_VALUE : needed + values[i];
            if (needed > held) {
                throw new ModelFormatException(file, key + "[" + i + "] (" + describe(layers, i) + ") brings the"
                        + " architecture to " + (needed == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : needed)
                        + " parameter values, but the file holds only " + held);
            }
        }
    }

    /** {@code inputs -> outputs} for a dense layer, else its type as the file names it. */
    private static String describe(List<?> layers, int i) {
        if (i < layers.size() && layers.get(i) instanceof Map<?, ?> entry) {
            Map<?, ?> layer = entry.get("layer") instanceof Map<?, ?> inner ? inner : entry;
            if (layer.get("inputs") instanceof Number in && layer.get("outputs") instanceof Number out) {
                return in + " -> " + out;
            }
            return String.valueOf(layer.get("type"));
        }
        return "layer " + i;
    }
}
