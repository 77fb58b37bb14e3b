package dev.nn4j.backend;

/**
 * Thrown when a requested backend is unknown or cannot run here. The message lists every
 * backend that was found, which are available, and why the others were skipped.
 */
public class BackendNotFoundException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full explanation as its message. */
    public BackendNotFoundException(String message) {
        super(message);
    }
}
