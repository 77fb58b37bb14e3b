package dev.nn4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file whose content does not match its format: a wrong IDX magic number, a header
 * that claims more data than the file holds, a CSV cell that is not a number, a ragged row.
 * The message always starts with the file, then says what is wrong and where, e.g.
 * {@code data/train.csv: line 7, column "age": "n/a" is not a number}.
 */
public class MalformedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem found in {@code file}; the message becomes {@code "<file>: <problem>"}. */
    public MalformedDataException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem found in {@code file} while reading it failed with {@code cause} (e.g. corrupt gzip). */
    public MalformedDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem was found in (for a mismatch between two files, the first one named). */
    public Path file() {
        return file;
    }
}
