#!/bin/bash
# Compiles fma_peak.c for this CPU's widest vectors (AVX-512 where /proc/cpuinfo lists avx512f, else
# AVX2 + FMA) at -O3 (at -O2 GCC kept the accumulators in memory on AMD Zen 4 and showed half the
# peak), into the file named by $1, and prints which width it chose.
set -euo pipefail
out=${1:?usage: build.sh OUTPUT}
src="$(dirname "$0")/fma_peak.c"
if grep -qw avx512f /proc/cpuinfo; then
  gcc -O3 -mavx512f -DWIDE "$src" -o "$out" && echo "fma_peak: 512-bit FMAs (AVX-512)"
else
  gcc -O3 -mavx2 -mfma "$src" -o "$out" && echo "fma_peak: 256-bit FMAs (AVX2)"
fi
