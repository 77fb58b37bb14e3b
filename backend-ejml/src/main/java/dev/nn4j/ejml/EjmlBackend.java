package dev.nn4j.ejml;

import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Locale;
import java.util.Objects;

/**
 * The EJML backend: pure Java, no native code. Tensors are {@link EjmlTensor}s (a Java array
 * shared with an EJML row-major matrix); matrix products (FLOAT32 on EJML's tile kernel,
 * FLOAT64 on {@code CommonOps_DDRM}), element-wise arithmetic, transpose, fill and copy run in
 * EJML, and products of at least 2,000,000 multiply-adds ({@code m·n·k}) run on EJML's
 * fork-join pool (FLOAT32 in row blocks, FLOAT64 with {@code CommonOps_MT_DDRM}).
 * Everything else comes from {@link dev.nn4j.backend.array.ArrayKernels} on the same arrays.
 *
 * <p>Priority 20: above plain (10), below ND4J (30/40). Available when EJML's classes load
 * ({@code org.ejml:ejml-core}, {@code ejml-fdense}, {@code ejml-ddense} on the class path);
 * the constructor touches no EJML class, so a missing jar shows up in {@link #availability()}
 * rather than as a {@code ServiceConfigurationError}. Thread-safe; one instance per JVM
 * (found by {@link dev.nn4j.backend.Backends}).
 */
public final class EjmlBackend implements Backend {
    private static final String[] REQUIRED = {
        "org.ejml.data.FMatrixRMaj",
        "org.ejml.data.DMatrixRMaj",
        "org.ejml.dense.row.CommonOps_FDRM",
        "org.ejml.dense.row.CommonOps_DDRM",
        "org.ejml.dense.row.CommonOps_MT_FDRM",
        "org.ejml.dense.row.CommonOps_MT_DDRM",
        "org.ejml.concurrency.EjmlConcurrency",
    };

    private volatile Availability availability;
    private volatile String version;
    private volatile EjmlKernels kernels;

    /** Cheap: EJML is looked for on the first call to {@link #availability()}. */
    public EjmlBackend() {
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (this) {
                a = availability;
                if (a == null) {
                    a = probe();
                    availability = a;
                }
            }
        }
        return a;
    }

    private Availability probe() {
        ClassLoader loader = EjmlBackend.class.getClassLoader();
        String current = null;
        try {
            for (String name : REQUIRED) {
                current = name;
                Class.forName(name, true, loader);
            }
            current = "org.ejml.EjmlVersion";
            // Read reflectively: the field is a compile-time constant that javac would inline.
            version = String.valueOf(Class.forName(current, true, loader).getField("VERSION").get(null));
            return Availability.yes();
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.no("EJML class " + current + " could not be loaded (" + e
                    + "); put org.ejml:ejml-core, ejml-fdense and ejml-ddense on the class path");
        } catch (ReflectiveOperationException e) {
            return Availability.no("EJML version could not be read from " + current + " (" + e + ")");
        }
    }

    /**
     * E.g. {@code CPU: EJML 0.46.1 dense row-major, 2 threads, concurrent ops above 2000000
     * multiply-adds}; the thread count is that of EJML's fork-join pool.
     */
    @Override
    public String device() {
        Availability a = availability();
        if (!a.available()) {
            return "unavailable: " + a.reason();
        }
        return String.format(Locale.ROOT, "CPU: EJML %s dense row-major, %d threads, concurrent ops above %d multiply-adds",
                version, ejmlKernels().threads(), ejmlKernels().concurrentThreshold());
    }

    /** The kernels; throws {@link IllegalStateException} with the reason when EJML is missing. */
    @Override
    public Kernels kernels() {
        return ejmlKernels();
    }

    private EjmlKernels ejmlKernels() {
        EjmlKernels k = kernels;
        if (k == null) {
            requireAvailable("kernels");
            synchronized (this) {
                k = kernels;
                if (k == null) {
                    k = new EjmlKernels(this);
                    kernels = k;
                }
            }
        }
        return k;
    }

    /** A view sharing {@code t}'s array (and, for FLOAT32 and FLOAT64, its EJML matrices): no copy. */
    @Override
    public Tensor reshape(Tensor t, Shape shape) {
        return ((ArrayTensor) t).view(shape);
    }

    /**
     * A zero {@link EjmlTensor} for FLOAT32 and FLOAT64, a plain {@link ArrayTensor} for INT32
     * and INT64 (EJML has no integer matrices); throws {@link IllegalStateException} with the
     * reason when EJML is missing.
     */
    @Override
    public Tensor create(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        requireAvailable("create");
        return dtype.isFloating() ? new EjmlTensor(this, dtype, shape) : new ArrayTensor(this, dtype, shape);
    }

    private void requireAvailable(String op) {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("ejml backend " + op + ": not available: " + a.reason());
        }
    }

    @Override
    public String toString() {
        return "EjmlBackend";
    }
}
