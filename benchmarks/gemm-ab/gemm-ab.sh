#!/bin/bash
# Compares plain's gemm at two git revisions in one JVM (see GemmVersions.java), e.g.
#   benchmarks/gemm-ab/gemm-ab.sh 3028b0e HEAD 1 16 1024x1024x1024 128x256x784 T784x256x128
# Arguments: REV_A REV_B THREADS(1|2) ROUNDS SHAPE...  ([T|U]MxNxK; T: Aᵀ·B, U: A·Bᵀ).
# Needs core compiled (mvn -o -q compile -pl core); builds both revisions' backend-plain sources
# with javac into target/gemm-ab/. Reports GFLOP/s and the per-round ratio B/A.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=benchmarks/target/gemm-ab
core=core/target/classes
[ -d "$core" ] || { echo "compile core first: mvn -o -q compile -pl core" >&2; exit 1; }
a=$1; b=$2; shift 2
build() {
  local rev=$1 dir=$out/$(git rev-parse --short "$1")
  if [ ! -d "$dir/classes" ]; then
    rm -rf "$dir" && mkdir -p "$dir/src" "$dir/classes"
    git archive "$rev" backend-plain/src/main/java | tar -x -C "$dir/src"
    javac -nowarn --add-modules jdk.incubator.vector -cp "$core" -d "$dir/classes" \
      $(find "$dir/src" -name '*.java') benchmarks/gemm-ab/Probe.java 2>&1 | grep -v '^Note:\|^warning:' || true
  fi
  echo "$dir/classes"
}
ca=$(build "$a"); cb=$(build "$b")
javac -d "$out" benchmarks/gemm-ab/GemmVersions.java
echo "A = $a ($(git rev-parse --short "$a")), B = $b ($(git rev-parse --short "$b")); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
java --add-modules jdk.incubator.vector -cp "$out" GemmVersions "$ca" "$cb" "$core" "$@" 2>&1 | grep -v '^WARNING: Using incubator'
