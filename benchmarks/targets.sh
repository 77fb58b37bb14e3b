#!/usr/bin/env bash
# Measures what the performance targets of docs/benchmarks.md ("Targets") compare, with short
# JMH runs, each preceded by one round of the C FMA loop (benchmarks/fma-peak) so that every
# number carries the machine's peak at that moment: on a shared machine a low peak means the
# run was disturbed. Run it under the bench lock on a quiet machine:
#
#   flock /tmp/nn4j-bench.lock benchmarks/targets.sh [gemm] [steps] [fashion]    (default: all three)
#
# gemm:    1024^3 and the MLP shapes, plain on 1 thread (-XX:ActiveProcessorCount=1) and on 2,
#          raw ND4J (OpenBLAS) with OMP_NUM_THREADS=1 and 2
# steps:   MLP step at batch 128 and XOR step, every backend and DL4J, OMP_NUM_THREADS=1 and 2
# fashion: one Fashion-MNIST epoch (the fashion-mnist demo, batch 32) per backend and by default
# Results: benchmarks/target/targets/*.json (JMH) and *.txt (logs, FMA rounds, demo output).
# NN4J_BENCH_JAR and NN4J_EXAMPLES_JAR point at copies of the jars, so a build can run meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${NN4J_BENCH_JAR:-benchmarks/target/benchmarks.jar}
examples=${NN4J_EXAMPLES_JAR:-examples/target/nn4j-examples.jar}
out=benchmarks/target/targets
mkdir -p "$out"
fma=$out/fma_peak
benchmarks/fma-peak/build.sh "$fma" > /dev/null
quick=(-f 1 -wi 3 -i 5 -w 1s -r 1s -foe true)
what=("$@")
[ ${#what[@]} -eq 0 ] && what=(gemm steps fashion)

# jmh NAME OMP_THREADS EXTRA_JVM_ARGS JMH_ARGS...
jmh() {
  local name="$1" threads="$2" jvm="$3"
  shift 3
  { echo "== $name (OMP_NUM_THREADS=$threads, load $(cut -d' ' -f1-3 /proc/loadavg))"; "$fma" 1; } | tee -a "$out/fma.txt"
  OMP_NUM_THREADS="$threads" java -jar "$jar" "${quick[@]}" \
      -jvmArgsAppend "--add-modules=jdk.incubator.vector -Dbench.OMP_NUM_THREADS=$threads $jvm" \
      -rf json -rff "$out/$name.json" "$@" > "$out/$name.txt" 2>&1
  grep -E "^(Matmul|Train|Xor)" "$out/$name.txt" | tail -n 20
}

shapes='1024x1024*1024x1024'
mlp='128x784*784x256,128x784T*128x256,128x256*784x256T,128x256*256x128'
for w in "${what[@]}"; do
  case "$w" in
    gemm)
      jmh gemm-plain-1thread 1 "-XX:ActiveProcessorCount=1" -p impl=plain -p shape="$shapes" 'MatmulLargeBenchmark'
      jmh gemm-mlp-plain-1thread 1 "-XX:ActiveProcessorCount=1" -p impl=plain -p shape="$mlp" 'MatmulBenchmark'
      jmh gemm-raw-nd4j-1thread 1 "" -p impl=raw-nd4j,nd4j -p shape="$shapes" 'MatmulLargeBenchmark'
      jmh gemm-mlp-raw-nd4j-1thread 1 "" -p impl=raw-nd4j -p shape="$mlp" 'MatmulBenchmark'
      jmh gemm-plain-2threads 1 "" -p impl=plain,ejml -p shape="$shapes" 'MatmulLargeBenchmark'
      jmh gemm-mlp-plain-2threads 1 "" -p impl=plain -p shape="$mlp" 'MatmulBenchmark'
      jmh gemm-raw-nd4j-2threads 2 "" -p impl=raw-nd4j,nd4j -p shape="$shapes" 'MatmulLargeBenchmark'
      jmh gemm-mlp-raw-nd4j-2threads 2 "" -p impl=raw-nd4j -p shape="$mlp" 'MatmulBenchmark'
      ;;
    steps)
      jmh steps-omp1 1 "" -p impl=plain,ejml,nd4j,dl4j '(Train|Xor)StepBenchmark'
      jmh steps-omp2 2 "" -p impl=nd4j,dl4j '(Train|Xor)StepBenchmark'
      ;;
    fashion)
      for b in plain ejml nd4j default; do
        { echo "== fashion-mnist $b (load $(cut -d' ' -f1-3 /proc/loadavg))"; "$fma" 1; } | tee -a "$out/fma.txt"
        args=(fashion-mnist --epochs 1 --no-plot)
        [ "$b" != default ] && args+=(--backend "$b")
        # Default OMP_NUM_THREADS (unset): what a user gets.
        env -u OMP_NUM_THREADS java -jar "$examples" "${args[@]}" > "$out/fashion-$b.txt" 2>&1 || true
        grep -iE "epoch|accuracy|backend" "$out/fashion-$b.txt" | head -n 6
      done
      ;;
    *) echo "targets.sh: unknown part $w (gemm, steps, fashion)" >&2; exit 2 ;;
  esac
done
