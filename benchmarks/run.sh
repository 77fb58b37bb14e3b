#!/usr/bin/env bash
# Runs the nn4j JMH suite and regenerates the report of this machine's kind:
# docs/benchmarks-KIND.md and .png, KIND one of intel-avx512, amd-zen3, amd-zen4 (from /proc/cpuinfo;
# benchmarks/machine-kind.sh). docs/benchmarks.md is the hand-kept index of the three reports.
#
#   benchmarks/run.sh                 full suite, about 12-15 minutes on 2 cores
#   benchmarks/run.sh --smoke         every benchmark once, very short iterations (minutes; numbers are rough)
#   benchmarks/run.sh --one-setting   skip the second pass (native threads = nproc)
#   benchmarks/run.sh --no-pytorch    skip the PyTorch peer (benchmarks/pytorch_peer.py)
#   benchmarks/run.sh [...] -- ARGS   extra JMH arguments for every pass, e.g. --one-setting -- 'Xor'
#                                     (a pattern given here adds to pass 2's own patterns, so combine
#                                     patterns with --one-setting)
#
# Pass 1 runs everything with OMP_NUM_THREADS=1 (ND4J's and OpenBLAS's threads, so also
# DL4J's), written to benchmarks/target/jmh-result.json. Pass 2 repeats the implementations
# that use native threads (nd4j, raw-nd4j, dl4j) with OMP_NUM_THREADS=$(nproc), ND4J's default,
# into jmh-result-threads-*.json. JMH cannot set environment variables per fork, so each pass
# exports OMP_NUM_THREADS for all of its forks and records it as -Dbench.OMP_NUM_THREADS=N.
# Then /usr/bin/python3 benchmarks/pytorch_peer.py times the same training steps in PyTorch
# (1 and 2 threads) into benchmarks/target/pytorch-peer.json, when python3-torch is installed;
# without it the report simply has no PyTorch rows. benchmarks/notes-KIND.md (measurements made
# outside JMH on that kind, and how far each performance target is) is copied into the report.
# Run it on a quiet machine: other load distorts the 2-thread numbers most.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
two_settings=true
pytorch=true
jmh_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --one-setting) two_settings=false ;;
    --no-pytorch) pytorch=false ;;
    --) shift; jmh_extra=("$@"); break ;;
    *) echo "run.sh: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml core backend-* benchmarks/pom.xml benchmarks/src -newer "$jar" -type f -print -quit)" ]; then
  echo "run.sh: building $jar"
  mvn -B -q -pl benchmarks -am package -DskipTests
fi

out=benchmarks/target
jmh_common=(-foe true)
note=""
if $smoke; then
  jmh_common+=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  note="Smoke run (1 fork, 1 warmup and 1 measurement iteration of 1 s each): these numbers only show that every benchmark works; they are not measurements."
fi

# run_jmh THREADS RESULT_FILE [JMH args...]
run_jmh() {
  local threads="$1" result="$2"
  shift 2
  echo "run.sh: OMP_NUM_THREADS=$threads -> $result"
  OMP_NUM_THREADS="$threads" java -jar "$jar" "${jmh_common[@]}" \
      -jvmArgsAppend "--add-modules=jdk.incubator.vector -Dbench.OMP_NUM_THREADS=$threads" \
      -rf json -rff "$result" "$@" "${jmh_extra[@]}" 2>&1 | tee "${result%.json}.log"
}

results=("$out/jmh-result.json")
run_jmh 1 "$out/jmh-result.json"
if $two_settings; then
  n=$(nproc)
  run_jmh "$n" "$out/jmh-result-threads-matmul.json" -p impl=nd4j,raw-nd4j 'Matmul'
  run_jmh "$n" "$out/jmh-result-threads-steps.json" -p impl=nd4j,dl4j 'StepBenchmark'
  results+=("$out/jmh-result-threads-matmul.json" "$out/jmh-result-threads-steps.json")
fi

peer=()
if $pytorch; then
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    seconds=2
    $smoke && seconds=0.2
    if /usr/bin/python3 benchmarks/pytorch_peer.py --out "$out/pytorch-peer.json" --seconds "$seconds"; then
      peer=(--pytorch "$out/pytorch-peer.json")
    else
      echo "run.sh: benchmarks/pytorch_peer.py failed; the report has no PyTorch rows" >&2
    fi
  else
    echo "run.sh: /usr/bin/python3 cannot import torch (apt-get install -y python3-torch libopenblas0-pthread);"\
         "the report has no PyTorch rows"
  fi
fi

kind=$(benchmarks/machine-kind.sh)
notes=()
[ -f "benchmarks/notes-$kind.md" ] && notes=(--notes "benchmarks/notes-$kind.md")

command="benchmarks/run.sh"
$smoke && command+=" --smoke"
$two_settings || command+=" --one-setting"
$pytorch || command+=" --no-pytorch"
[ ${#jmh_extra[@]} -gt 0 ] && command+=" -- ${jmh_extra[*]}"
java -Djava.awt.headless=true -cp "$jar" dev.nn4j.benchmarks.report.ReportGenerator \
    --md "docs/benchmarks-$kind.md" --png "docs/benchmarks-$kind.png" --command "$command" ${note:+--note "$note"} \
    ${peer[@]+"${peer[@]}"} ${notes[@]+"${notes[@]}"} "${results[@]}"
