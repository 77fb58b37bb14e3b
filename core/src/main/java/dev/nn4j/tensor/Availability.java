package dev.nn4j.tensor;

import java.util.Objects;

/**
 * Whether a backend can run here; when it cannot, {@link #reason()} says why in words a user
 * can act on (missing native library, no device, ...).
 */
public record Availability(boolean available, String reason) {

    /** Checks that an unavailable result carries a reason. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend must give a reason");
        }
    }

    /** The backend can run. */
    public static Availability yes() {
        return new Availability(true, "");
    }

    /** The backend cannot run, because of {@code reason}. */
    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
