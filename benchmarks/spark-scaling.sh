#!/usr/bin/env bash
# Spark scaling benchmark of nn4j-spark (spark-examples/spark.sh): the Fashion-MNIST MLP (784-256-128-10, Adam 1e-3),
# or with MODEL=cnn the examples' default CNN, trained
#   - on one machine without Spark (the baseline),
#   - on local[1] with 1 worker and local[2] with 2 workers, parameter averaging every K steps,
#   - on local[2] with gradient averaging,
# each in a fresh JVM with -XX:ActiveProcessorCount=1, which pins the plain backend's matrix
# product to one thread (it sizes its pool from the processor count), so a worker is one core.
# The whole script runs under the shared benchmark lock (one wait, then every run back to back).
# Results: benchmarks/target/spark/*.json and report.md. LOCAL1=0 skips the local[1] runs,
# GRADIENT=0 the gradient-averaging run.
#
#   benchmarks/spark-scaling.sh                 EPOCHS=2 BATCH=64 KS="1 4 16 64 256"
#   EPOCHS=3 KS="16 64" benchmarks/spark-scaling.sh
#   MODEL=cnn EPOCHS=1 KS="16 64" LOCAL1=0 GRADIENT=0 benchmarks/spark-scaling.sh
#   OUT=/tmp/smoke EPOCHS=1 KS="4 16" EXTRA="--limit 4000 --test-limit 1000" benchmarks/spark-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NN4J_BENCH_LOCKED:-}" ]; then
  echo "$(date -u +%H:%M:%S) waiting for /tmp/nn4j-bench.lock"
  NN4J_BENCH_LOCKED=1 exec flock /tmp/nn4j-bench.lock "$0" "$@"
fi
echo "$(date -u +%H:%M:%S) locked; $(uptime)"
epochs=${EPOCHS:-2}
model=${MODEL:-mlp}
batch=${BATCH:-64}
ks=${KS:-"1 4 16 64 256"}
out=${OUT:-benchmarks/target/spark}
extra=(${EXTRA:-})   # e.g. EXTRA="--limit 4000 --test-limit 1000" for a smoke run
mkdir -p "$out"
if [ ! -f spark-examples/target/nn4j-spark-examples.jar ] || [ ! -f spark-examples/target/spark-classpath.txt ]; then
  mvn -B -q -pl spark-examples -am package -DskipTests
fi
run() {
  local name=$1
  shift
  echo "$(date -u +%H:%M:%S) $name: $*"
  JAVA_OPTS="-XX:ActiveProcessorCount=1 -Xmx3g" spark-examples/spark.sh --model "$model" --epochs "$epochs" \
    --batch "$batch" --no-progress --report "$out/$name.json" "${extra[@]}" "$@" > "$out/$name.log" 2>&1 \
    || { echo "$name failed, see $out/$name.log" >&2; return 1; }
  grep -E "examples/s|test accuracy" "$out/$name.log" | sed 's/^/    /'
  echo "    load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
run single --single
for k in $ks; do
  run "local2-k$k" --master 'local[2]' --workers 2 --every "$k"
  if [ "${LOCAL1:-1}" != 0 ]; then
    run "local1-k$k" --master 'local[1]' --workers 1 --every "$k"
  fi
done
if [ "${GRADIENT:-1}" != 0 ]; then
  run local2-gradient --master 'local[2]' --workers 2 --sync gradient
fi
/usr/bin/python3 benchmarks/spark-report.py "$out" > "$out/report.md"
cat "$out/report.md"
