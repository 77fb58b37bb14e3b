package dev.nn4j.plain.gemm;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plain backend's register-tile kernel alone, everything it reads already in cache: 96 calls of
 * the tile this CPU gets ({@link VectorGemm#forThisCpu()}: 6x16 on AVX2, 12x32 on AVX-512) with
 * {@code kc = 256}, over 24 packed A panels (147 KB on AVX2: L2) and 4 packed B panels (64 KB), into
 * one strip of C that stays in L1. One operation is 96 calls of {@code 2·mr·nr·kc} flops: 4.72 MFLOP
 * on AVX2 (GFLOP/s = 4718.6 / µs per op), 18.9 MFLOP on AVX-512.
 *
 * <p>Set beside {@code MatmulLargeBenchmark} at 1024³ and one thread, it separates the kernel's own
 * speed from what the whole product adds: packing, C tiles fetched from memory, edge tiles. It lives
 * in the gemm package to reach the package-private kernel; the Vector API module must be present.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class MicroKernelBenchmark {
    private static final int KC = 256;
    private static final int A_PANELS = 24;
    private static final int B_PANELS = 4;
    private static final int LDC = 1024;

    private GemmEngine engine;
    private Workspace workspace;
    private float[] packedA;
    private float[] c;

    /** Packs nothing: fills the panels with small values directly. */
    @Setup
    public void setUp() {
        engine = VectorGemm.forThisCpu();
        workspace = new Workspace();
        float[] pb = workspace.packB(B_PANELS * engine.nr * KC);
        for (int i = 0; i < pb.length; i++) {
            pb[i] = (i % 7) * 1e-3f;
        }
        packedA = new float[A_PANELS * engine.mr * KC];
        for (int i = 0; i < packedA.length; i++) {
            packedA[i] = (i % 5) * 1e-3f;
        }
        c = new float[engine.mr * LDC];
    }

    /** 96 tiles: each B panel against every A panel, as the product's inner loops order them. */
    @Benchmark
    public float tiles() {
        for (int jr = 0; jr < B_PANELS; jr++) {
            for (int p = 0; p < A_PANELS; p++) {
                engine.kernel(KC, packedA, p * engine.mr * KC, workspace, jr * engine.nr, c, jr * engine.nr, LDC, true);
            }
        }
        return c[0];
    }
}
