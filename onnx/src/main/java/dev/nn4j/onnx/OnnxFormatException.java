package dev.nn4j.onnx;

import dev.nn4j.io.ModelFormatException;
import java.nio.file.Path;

/**
 * An ONNX file that nn4j cannot read or represent: not a valid ONNX protobuf (truncated,
 * corrupted), a graph that is not a linear chain, an unsupported op or attribute, or tensors
 * whose sizes do not add up. The message names the file and, where it applies, the node, its
 * op and the attribute or value at fault.
 */
public class OnnxFormatException extends ModelFormatException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code file} (null when the model came from memory). */
    public OnnxFormatException(Path file, String problem) {
        super(file, problem);
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public OnnxFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
