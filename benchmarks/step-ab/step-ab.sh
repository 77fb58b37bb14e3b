#!/usr/bin/env bash
# A/B of the training-step benchmarks at two git revisions (docs/architecture.md, "Steps"): builds each
# revision's benchmarks.jar from a `git archive` export, then runs single-fork `-prof gc` JMH runs of the
# MLP, LeNet, Fashion CNN and Toy XOR steps, A and B back to back for each benchmark in every round (B
# first in even rounds), so a slow phase of a shared host slows both alike. Prints each round's scores, the
# ratio B/A and gc.alloc.rate.norm of each side, then the median ratio. See README.md beside this file.
#
#   benchmarks/step-ab/step-ab.sh [--only LIST] [--impl BACKEND] REV_A REV_B ROUNDS
#
#   --only LIST     comma- or space-separated subset of: mlp lenet fashion-cnn xor (default: all four;
#                   or the environment variable STEP_AB_BENCHMARKS)
#   --impl BACKEND  the nn4j backend the benchmarks run on (default plain; or STEP_AB_IMPL)
#
# Environment: STEP_AB_JMH replaces the warm-up and measurement options of every run (default per
# benchmark: -wi 3 -w 2s -i 4 -r 2s, XOR with 1 s iterations), e.g. STEP_AB_JMH='-wi 1 -w 1s -i 1 -r 1s'
# for a smoke run; STEP_AB_OUT sets the result directory (default
# benchmarks/target/step-ab/A-B-TIME). Built jars are kept in benchmarks/target/step-ab/jars/COMMIT.jar and
# reused. Builds run offline and skip tests (48a7402's plain tests fail on some CPUs).
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

only=${STEP_AB_BENCHMARKS:-mlp lenet fashion-cnn xor}
impl=${STEP_AB_IMPL:-plain}
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || usage; only=$2; shift 2 ;;
    --impl) [ $# -ge 2 ] || usage; impl=$2; shift 2 ;;
    -h|--help) usage ;;
    --*) echo "step-ab.sh: unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -eq 3 ] || usage
rev_a=$1 rev_b=$2 rounds=$3
case "$rounds" in ''|*[!0-9]*|0) echo "step-ab.sh: ROUNDS must be a positive number, got '$rounds'" >&2; exit 2 ;; esac
sha_a=$(git rev-parse --verify --quiet "$rev_a^{commit}") || { echo "step-ab.sh: no commit '$rev_a'" >&2; exit 2; }
sha_b=$(git rev-parse --verify --quiet "$rev_b^{commit}") || { echo "step-ab.sh: no commit '$rev_b'" >&2; exit 2; }

benchmarks=()
for name in ${only//,/ }; do
  case "$name" in
    mlp|lenet|fashion-cnn|xor) benchmarks+=("$name") ;;
    *) echo "step-ab.sh: unknown benchmark '$name' (choose from mlp lenet fashion-cnn xor)" >&2; exit 2 ;;
  esac
done
[ ${#benchmarks[@]} -gt 0 ] || { echo "step-ab.sh: no benchmark selected" >&2; exit 2; }

# JMH arguments of one benchmark: its pattern and parameters, then its iterations.
jmh_args() {
  case "$1" in
    mlp) echo "TrainStepBenchmark\.step\$ -p impl=$impl" ;;
    lenet) echo "CnnStepBenchmark\.step\$ -p net=lenet -p impl=$impl" ;;
    fashion-cnn) echo "CnnStepBenchmark\.step\$ -p net=fashion-cnn -p impl=$impl" ;;
    xor) echo "XorStepBenchmark\.step\$ -p impl=$impl" ;;
  esac
}
iterations() {
  if [ -n "${STEP_AB_JMH:-}" ]; then
    echo "$STEP_AB_JMH"
  elif [ "$1" = xor ]; then
    echo "-wi 3 -w 1s -i 4 -r 1s"
  else
    echo "-wi 3 -w 2s -i 4 -r 2s"
  fi
}
describe() {
  case "$1" in
    mlp) echo "MLP 784-256-128-10 step, batch 128 (TrainStepBenchmark)" ;;
    lenet) echo "LeNet step, batch 64 (CnnStepBenchmark net=lenet)" ;;
    fashion-cnn) echo "Fashion CNN step, batch 64 (CnnStepBenchmark net=fashion-cnn)" ;;
    xor) echo "Toy facade XOR step (XorStepBenchmark)" ;;
  esac
}

short_a=$(git rev-parse --short "$sha_a") short_b=$(git rev-parse --short "$sha_b")
base=benchmarks/target/step-ab
out=${STEP_AB_OUT:-$base/$short_a-$short_b-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$base/jars" "$out"
start=$(date +%s)

# The benchmark sources should be the same on both sides: a change to what is measured is not a change in speed.
changed=$(git diff -U0 "$sha_a" "$sha_b" -- benchmarks/src/main/java \
  | awk '/^--- a\//{f=substr($0,7)} /^\+\+\+ b\//{f=substr($0,7)} /^[-+][^-+]/ && !/^[-+]import / && !/^[-+][[:space:]]*$/ {print f}' | sort -u)
if [ -n "$changed" ]; then
  echo "warning: benchmark sources differ between A and B beyond imports; compare with care:" >&2
  echo "$changed" | sed 's/^/  /' >&2
fi

# Builds (or reuses) the benchmarks jar of commit $1 from a git archive export; prints its path. Runs in a
# command substitution, so its traps remove the export if the build is interrupted.
build() {
  local sha=$1 jar=$base/jars/$1.jar
  if [ ! -f "$jar" ]; then
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/step-ab.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM
    echo "building $(git rev-parse --short "$sha") in $tmp ..." >&2
    git archive "$sha" | tar -x -C "$tmp"
    if ! (cd "$tmp" && mvn -B -o -q -DskipTests -Dfuzz.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        package -pl benchmarks -am) > "$out/build-$(git rev-parse --short "$sha").log" 2>&1; then
      echo "step-ab.sh: the build of $sha failed; see $out/build-$(git rev-parse --short "$sha").log" >&2
      rm -rf "$tmp"
      exit 1
    fi
    cp "$tmp/benchmarks/target/benchmarks.jar" "$jar.part" && mv "$jar.part" "$jar"
    rm -rf "$tmp"
  fi
  echo "$jar"
}
jar_a=$(build "$sha_a")
jar_b=$(build "$sha_b")

# One JMH run: side (A|B), benchmark, round. Writes $out/rROUND-BENCH-SIDE.{csv,log}.
run() {
  local side=$1 bench=$2 round=$3 jar file
  [ "$side" = A ] && jar=$jar_a || jar=$jar_b
  file=$out/r$round-$bench-$side
  # shellcheck disable=SC2046  # the argument lists are meant to be split
  if ! LC_ALL=C java -jar "$jar" $(jmh_args "$bench") -f 1 $(iterations "$bench") -prof gc \
      -jvmArgsAppend --add-modules=jdk.incubator.vector -rf csv -rff "$file.csv" > "$file.log" 2>&1; then
    echo "step-ab.sh: round $round, $bench on $side failed; the end of $file.log:" >&2
    tail -20 "$file.log" >&2
    exit 1
  fi
}

# Score (us/op) and gc.alloc.rate.norm (B/op) of a run's CSV, as "SCORE ALLOC".
scores() {
  awk -F, '{ gsub(/"/, "") }
           $1 ~ /\.step$/ { s = $5 }
           $1 ~ /gc\.alloc\.rate\.norm$/ { a = $5 }
           END { printf "%s %s\n", (s == "" ? "nan" : s), (a == "" ? "nan" : a) }' "$1"
}

echo "A = $rev_a ($short_a), B = $rev_b ($short_b); impl=$impl; $rounds round(s) of: ${benchmarks[*]}" | tee "$out/summary.txt"
echo "host:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) processors; load $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%T) UTC" | tee -a "$out/summary.txt"
for round in $(seq 1 "$rounds"); do
  for bench in "${benchmarks[@]}"; do
    if [ $((round % 2)) -eq 1 ]; then run A "$bench" "$round"; run B "$bench" "$round"
    else run B "$bench" "$round"; run A "$bench" "$round"; fi
    read -r sa aa < <(scores "$out/r$round-$bench-A.csv")
    read -r sb ab < <(scores "$out/r$round-$bench-B.csv")
    echo "$round $sa $sb $aa $ab" >> "$out/$bench.rounds"
    printf 'round %d %-12s A %10.3f  B %10.3f us/op  B/A %.3f\n' "$round" "$bench" "$sa" "$sb" \
      "$(awk -v a="$sa" -v b="$sb" 'BEGIN { print b / a }')" >&2
  done
done

for bench in "${benchmarks[@]}"; do
  {
    echo
    echo "$(describe "$bench"), impl=$impl: us/op, lower is faster"
    printf '%6s %12s %12s %7s %14s %14s\n' round "A us/op" "B us/op" "B/A" "A alloc B/op" "B alloc B/op"
    awk '{ printf "%6d %12.3f %12.3f %7.3f %14.0f %14.0f\n", $1, $2, $3, $3 / $2, $4, $5 }' "$out/$bench.rounds"
    awk '{ print $3 / $2 }' "$out/$bench.rounds" | sort -g | awk -v rounds="$rounds" '
      { r[NR] = $1 }
      END {
        m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
        verdict = (m <= 1.05) ? "no slower (median <= 1.05)" : "SLOWER (median > 1.05)"
        if (NR < 6) verdict = verdict "; fewer than 6 rounds: indicative only"
        printf "median B/A %.3f over %d round(s), range %.3f..%.3f: %s\n", m, NR, r[1], r[NR], verdict
      }'
  } | tee -a "$out/summary.txt"
done
elapsed=$(( $(date +%s) - start ))
echo | tee -a "$out/summary.txt"
echo "took $((elapsed / 60)) min $((elapsed % 60)) s (builds included); load $(cut -d' ' -f1-3 /proc/loadavg) at the end; results in $out" \
  | tee -a "$out/summary.txt"
