package dev.nn4j.nd4j;

import dev.nn4j.tensor.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's one-time start-up and what it reports about itself.
 *
 * <p>Starting ND4J links its native libraries: 0.6-1.3 s warm, ~3.5 s the first time on a
 * machine, when ~330-400 MB are unpacked into {@code ~/.javacpp/cache}. It therefore happens
 * on the first call of {@link #availability()}, never when the backend is instantiated. The
 * outcome, success or the error, is remembered for the life of the JVM. Thread-safe.
 *
 * <p>Only this class and the tensor and kernel classes mention ND4J types, so that
 * {@link Nd4jBackend} can be loaded and asked for its name without ND4J on the class path.
 */
final class Nd4jRuntime {
    private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final String[] ENVIRONMENT_BINDINGS = {
        "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment",
        "org.nd4j.linalg.jcublas.bindings.Nd4jCuda$Environment",
    };

    private static volatile Availability availability;
    private static volatile boolean cuda;

    private Nd4jRuntime() {
    }

    /** Starts ND4J on the first call; later calls return the remembered outcome. */
    static Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (Nd4jRuntime.class) {
                a = availability;
                if (a == null) {
                    a = start();
                    availability = a;
                }
            }
        }
        return a;
    }

    /** True once ND4J has started (successfully or not). */
    static boolean started() {
        return availability != null;
    }

    /** True when ND4J started on its CUDA backend. */
    static boolean onCuda() {
        return cuda;
    }

    /** True when the CUDA backend's classes are on the class path; loads nothing native. */
    static boolean cudaOnClassPath() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Nd4jRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Availability start() {
        try {
            org.nd4j.linalg.factory.Nd4jBackend backend = Nd4j.getBackend();
            // One allocation proves that the native library is linked, not only that the classes loaded.
            Nd4j.create(DataType.FLOAT, 1).close();
            cuda = !Nd4j.getEnvironment().isCPU();
            if (backend == null) {
                return Availability.no("ND4J started without a backend");
            }
            return Availability.yes();
        } catch (Throwable t) {
            String hint = cudaOnClassPath()
                    ? " (the cuda build needs an NVIDIA driver with libcuda.so.1, CUDA 11.6 and cuDNN 8.3;"
                            + " ND4J's log names the library that failed to load)"
                    : "";
            return Availability.no("ND4J could not start: " + causes(t) + hint);
        }
    }

    /** The chain of causes as {@code Type: message <- Type: message}. */
    static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 600; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    /**
     * Bytes of ND4J array buffers currently allocated on device 0 (host memory on CPU), as
     * counted by libnd4j, or -1 when the counter cannot be read. Workspaces and the JVM heap
     * are not included; buffers are counted from allocation until {@code close()} or collection.
     */
    static long liveBufferBytes() {
        for (String name : ENVIRONMENT_BINDINGS) {
            try {
                Class<?> env = Class.forName(name, false, Nd4jRuntime.class.getClassLoader());
                Object instance = env.getMethod("getInstance").invoke(null);
                return (Long) env.getMethod("getDeviceCounter", int.class).invoke(instance, 0);
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                // Not this backend's binding; try the next one.
            }
        }
        return -1;
    }

    /** A multi-line description of the device, BLAS, threads, version and off-heap limits. */
    static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        StringBuilder sb = new StringBuilder();
        if (cuda) {
            sb.append("GPU: ").append(gpus(env));
        } else {
            sb.append("CPU: nd4j-native, ").append(env.getOrDefault("cores", "?")).append(" cores, ")
                    .append(System.getProperty("os.arch"));
        }
        sb.append('\n');
        sb.append("BLAS: ").append(Nd4j.factory().blas().getBlasVendor()).append(' ').append(blasBuild())
                .append(", threads: libnd4j ").append(Nd4j.getEnvironment().maxThreads())
                .append(", BLAS ").append(env.getOrDefault("blas.threads", "?"))
                .append(" (OMP_NUM_THREADS=").append(System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"))
                .append(")\n");
        sb.append("ND4J ").append(version()).append(", ")
                .append(Nd4j.getBackend().getClass().getSimpleName()).append('\n');
        sb.append(String.format(Locale.ROOT,
                "off-heap: limit %s (maxbytes), %s physical (maxphysicalbytes); ND4J buffers in use %s, process RSS %s",
                bytes(Pointer.maxBytes()), bytes(Pointer.maxPhysicalBytes()), bytes(liveBufferBytes()),
                bytes(Pointer.physicalBytes())));
        return sb.toString();
    }

    /**
     * The version of the OpenBLAS binding on the class path, e.g. {@code OpenBLAS 0.3.19-1.5.7}
     * (libnd4j reports 0.0.0 for it), or "" when it is absent (CUDA builds).
     */
    private static String blasBuild() {
        String v = mavenVersion("org.bytedeco", "openblas");
        return v == null ? "" : "(OpenBLAS " + v + ")";
    }

    private static String gpus(Properties env) {
        Object list = env.get("cuda.devicesInformation");
        if (!(list instanceof List<?> devices) || devices.isEmpty()) {
            return "CUDA backend without device information " + env;
        }
        StringBuilder sb = new StringBuilder();
        for (Object o : devices) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            if (o instanceof Map<?, ?> m) {
                sb.append(m.get("cuda.deviceName")).append(" (compute ").append(m.get("cuda.deviceMajor"))
                        .append('.').append(m.get("cuda.deviceMinor")).append(", ")
                        .append(m.get("cuda.totalMemory") instanceof Number n ? bytes(n.longValue()) : "? bytes")
                        .append(')');
            } else {
                sb.append(o);
            }
        }
        return sb.toString();
    }

    /** The nd4j-api version from its Maven metadata, or "unknown version". */
    static String version() {
        String v = mavenVersion("org.nd4j", "nd4j-api");
        return v == null ? "unknown version" : v;
    }

    /** The version in a jar's {@code META-INF/maven/.../pom.properties}, or null. */
    private static String mavenVersion(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Nd4jRuntime.class.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    private static String bytes(long b) {
        if (b < 0) {
            return "unknown";
        }
        if (b < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    }
}
