#!/bin/bash
# Alternating single-fork JMH runs for issue 9's targets: each round runs every implementation once
# (1024³ on two and on one thread, plain's register tile alone, the MLP step and PyTorch's), so a
# slow phase of a shared host slows all of them alike; compare within a round. Usage:
#   benchmarks/alternate.sh [OUTDIR-NAME] [ROUNDS]      (default: alternate 3)
# Needs benchmarks/target/benchmarks.jar (mvn -B -q -DskipTests package) and, for the PyTorch
# rows, /usr/bin/python3 with torch. Results: benchmarks/target/NAME/{gemm,microkernel,mlp}.txt and
# log.txt with the C FMA loop's GFLOP/s before each round and the load average after it.
set -u
cd "$(dirname "$0")/.."
o=benchmarks/target/${1:-alternate}
rounds=${2:-3}
mkdir -p "$o"
benchmarks/fma-peak/build.sh "$o/fma_peak" > /dev/null
J="java -jar benchmarks/target/benchmarks.jar"
V=--add-modules=jdk.incubator.vector
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" > "$o/log.txt"
for r in $(seq 1 "$rounds"); do
  "$o/fma_peak" 2>&1 | tail -1 | sed "s/^/round $r FMA loop /" >> "$o/log.txt"
  for impl in plain nd4j raw-nd4j; do
    OMP_NUM_THREADS=2 $J MatmulLargeBenchmark -p impl=$impl -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgsAppend $V 2>&1 \
      | grep "^MatmulLarge" | sed "s/^/round $r 2 threads /" >> "$o/gemm.txt"
  done
  for impl in plain raw-nd4j; do
    OMP_NUM_THREADS=1 $J MatmulLargeBenchmark -p impl=$impl -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgsAppend "$V -Dnn4j.plain.threads=1" 2>&1 \
      | grep "^MatmulLarge" | sed "s/^/round $r 1 thread /" >> "$o/gemm.txt"
  done
  $J MicroKernelBenchmark -f 1 -wi 5 -i 5 -w 1s -r 1s 2>&1 | grep "^MicroKernel" | sed "s/^/round $r /" >> "$o/microkernel.txt"
  OMP_NUM_THREADS=1 $J TrainStepBenchmark -p impl=plain -f 1 -wi 3 -i 5 -w 2s -r 2s -jvmArgsAppend $V 2>&1 \
    | grep "^TrainStep" | sed "s/^/round $r /" >> "$o/mlp.txt"
  if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 benchmarks/pytorch_peer.py --only mlp --seconds 3 --out "$o/pytorch-mlp-$r.json" 2>&1 \
      | grep "threads=" | sed "s/^/round $r PyTorch /" >> "$o/mlp.txt"
  fi
  echo "round $r done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$o/log.txt"
done
