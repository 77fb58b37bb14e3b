package dev.nn4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file or model JSON that cannot be read: wrong magic, unsupported version, bad
 * checksum, sizes that do not add up, or an architecture that does not rebuild. The message
 * names the file (when there is one) and exactly what is wrong.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code file} (may be null for in-memory JSON). */
    public ModelFormatException(Path file, String problem) {
        super(file == null ? problem : file + ": " + problem);
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
    }
}
