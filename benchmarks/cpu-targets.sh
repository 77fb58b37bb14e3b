#!/bin/bash
# The CPU targets of docs/benchmarks.md ("Targets by machine kind"), in alternating rounds: each round
# runs the C FMA loop once, then every product at one and two threads for plain and raw ND4J
# (OpenBLAS), then the MLP, LeNet and Fashion CNN training steps on plain and in PyTorch, so a slow
# phase of a shared host slows a whole round alike; compare within a round. Usage:
#   benchmarks/cpu-targets.sh [OUTDIR-NAME] [ROUNDS]        (default: cpu-targets 2; ~7 minutes a round)
# Needs benchmarks/target/benchmarks.jar (mvn -B -q -DskipTests package) and, for the PyTorch rows,
# /usr/bin/python3 with torch. Results: benchmarks/target/NAME/{gemm,steps}.txt and log.txt (the CPU,
# the FMA loop's GFLOP/s before each round, the load average after it).
#
# Shapes (GemmShape notation): 1024³; the MLP's products at batch 128 (forward, the weight gradient
# Xᵀ·dY, the input gradient dY·Wᵀ); the Fashion CNN's per-chunk im2col products at batch 64 (plain's
# convolution multiplies W[F x k] by a chunk of patches [k x width], chunks of at most 2^18 patch values:
# conv2 32->64 channels 3x3 on 14x14 takes 4 images, width 784, k 288; conv1 1->32 on 28x28 takes 32
# images, width 25088, k 9): forward W·cols, dW = dz·colsᵀ, dcols = Wᵀ·dz.
set -u
cd "$(dirname "$0")/.."
o=benchmarks/target/${1:-cpu-targets}
rounds=${2:-2}
mkdir -p "$o"
benchmarks/fma-peak/build.sh "$o/fma_peak" > "$o/log.txt"
J="java -jar benchmarks/target/benchmarks.jar"
V=--add-modules=jdk.incubator.vector
quick=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
shapes=128x784*784x256,128x784T*128x256,128x256*784x256T,64x288*288x784,64x784*288x784T,64x288T*64x784,32x9*9x25088,32x25088*9x25088T
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); $(nproc) cores" >> "$o/log.txt"
for r in $(seq 1 "$rounds"); do
  "$o/fma_peak" 1 2>&1 | tail -1 | sed "s/^/round $r FMA loop /" >> "$o/log.txt"
  for t in 1 2; do
    for impl in plain raw-nd4j; do
      OMP_NUM_THREADS=$t $J MatmulLargeBenchmark -p impl=$impl "${quick[@]}" -jvmArgsAppend "$V -Dnn4j.plain.threads=$t" 2>&1 \
        | grep "^MatmulLarge" | sed "s/^/round $r threads=$t /" >> "$o/gemm.txt"
      OMP_NUM_THREADS=$t $J MatmulBenchmark -p impl=$impl -p shape=$shapes "${quick[@]}" -jvmArgsAppend "$V -Dnn4j.plain.threads=$t" 2>&1 \
        | grep "^Matmul" | sed "s/^/round $r threads=$t /" >> "$o/gemm.txt"
    done
  done
  $J TrainStepBenchmark -p impl=plain -f 1 -wi 3 -i 4 -w 2s -r 2s -jvmArgsAppend $V 2>&1 \
    | grep "^TrainStep" | sed "s/^/round $r /" >> "$o/steps.txt"
  $J CnnStepBenchmark -p impl=plain -f 1 -wi 3 -i 4 -w 2s -r 2s -jvmArgsAppend $V 2>&1 \
    | grep "^CnnStep" | sed "s/^/round $r /" >> "$o/steps.txt"
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 benchmarks/pytorch_peer.py --only mlp,lenet,fashion-cnn --seconds 2 --out "$o/pytorch-$r.json" 2>&1 \
      | grep "threads=" | sed "s/^/round $r PyTorch /" >> "$o/steps.txt"
  fi
  echo "round $r done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$o/log.txt"
done
cat "$o/log.txt"
