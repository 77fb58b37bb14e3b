/*
 * One core's float32 FMA peak: 12 independent chains of 256-bit (AVX2) or 512-bit (AVX-512)
 * fused multiply-adds, enough to hide the FMA latency on Zen 3 and Skylake-X.
 *
 *   gcc -O3 -mavx2 -mfma fma_peak.c -o fma_peak && ./fma_peak            # AVX2
 *   gcc -O3 -mavx512f -DWIDE fma_peak.c -o fma_peak && ./fma_peak        # AVX-512
 *   ./build.sh fma_peak                                                  # picks the one for this CPU
 *
 * Prints GFLOP/s (2 flops per lane per FMA) for ROUNDS rounds (argument 1, default 5) of
 * 2e8 iterations each; the best round is the peak.
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef WIDE
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define SUM(v) _mm512_reduce_add_ps(v)
#else
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
static float SUM(__m256 v) { float t[8]; _mm256_storeu_ps(t, v); float s = 0; for (int i = 0; i < 8; i++) s += t[i]; return s; }
#endif

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    const long iters = 200000000L;
    const int rounds = argc > 1 ? atoi(argv[1]) : 5;
    vec a = SET1(0.999999f), b = SET1(1e-7f);
    for (int round = 0; round < rounds; round++) {
        vec c0 = SET1(0), c1 = SET1(1), c2 = SET1(2), c3 = SET1(3), c4 = SET1(4), c5 = SET1(5);
        vec c6 = SET1(6), c7 = SET1(7), c8 = SET1(8), c9 = SET1(9), c10 = SET1(10), c11 = SET1(11);
        double t0 = now();
        for (long i = 0; i < iters; i++) {
            c0 = FMA(a, c0, b); c1 = FMA(a, c1, b); c2 = FMA(a, c2, b); c3 = FMA(a, c3, b);
            c4 = FMA(a, c4, b); c5 = FMA(a, c5, b); c6 = FMA(a, c6, b); c7 = FMA(a, c7, b);
            c8 = FMA(a, c8, b); c9 = FMA(a, c9, b); c10 = FMA(a, c10, b); c11 = FMA(a, c11, b);
        }
        double dt = now() - t0;
        vec s = ADD(ADD(ADD(c0, c1), ADD(c2, c3)), ADD(ADD(c4, c5), ADD(c6, c7)));
        s = ADD(s, ADD(ADD(c8, c9), ADD(c10, c11)));
        printf("round %d: %.1f GFLOP/s (checksum %g)\n", round, 12.0 * 2 * LANES * iters / dt / 1e9, SUM(s));
    }
    return 0;
}
