package dev.nn4j.plain.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float vector species that every Vector API kernel of the plain backend uses, chosen once per
 * JVM: the JVM's preferred species (512 bits on AVX-512, 256 on AVX2), unless the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV} names 128, 256 or 512 bits. Forcing a
 * width runs the kernels and packing code of another CPU kind on this one (correctly, if more
 * slowly when the width is wider than the hardware's), which is how the tests check every width on
 * any machine.
 *
 * <p>{@link #FLOAT} is a static final field so that C2 treats the species as a constant; kernels
 * that took it as an argument would keep their vectors boxed. Loading this class needs
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class VectorWidth {
    /** The system property that forces a vector width in bits. */
    public static final String PROPERTY = "nn4j.plain.vectorBits";
    /** The environment variable read when the property is unset. */
    public static final String ENV = "NN4J_PLAIN_VECTOR_BITS";
    /** The species of every plain kernel in this JVM. */
    public static final VectorSpecies<Float> FLOAT = choose(setting());

    private VectorWidth() {
    }

    private static String setting() {
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            return PROPERTY + "=" + p;
        }
        String e = System.getenv(ENV);
        return e == null ? null : ENV + "=" + e;
    }

    /** The species for a setting such as {@code "nn4j.plain.vectorBits=256"}, or the preferred one for null. */
    static VectorSpecies<Float> choose(String setting) {
        if (setting == null) {
            return FloatVector.SPECIES_PREFERRED;
        }
        switch (setting.substring(setting.indexOf('=') + 1).trim()) {
            case "128":
                return FloatVector.SPECIES_128;
            case "256":
                return FloatVector.SPECIES_256;
            case "512":
                return FloatVector.SPECIES_512;
            default:
                throw new IllegalStateException(setting + ": the vector width must be 128, 256 or 512 (bits);"
                        + " unset it to use this CPU's preferred width, "
                        + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        }
    }
}
