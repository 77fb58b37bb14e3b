#!/bin/bash
# Prints the kind of this machine, as the benchmark reports are kept (one per kind):
#   intel-avx512   Intel Xeon with AVX-512
#   amd-zen4       AMD EPYC family 25 with AVX-512 (Zen 4: AVX-512 executed on 256-bit units)
#   amd-zen3       AMD EPYC family 25 without AVX-512 (Zen 3: AVX2 + FMA)
# and, for any other CPU, VENDOR-familyF-modelM-ISA, so that its numbers never land in another kind's report.
set -euo pipefail
vendor=$(sed -n 's/^vendor_id\s*:\s*//p' /proc/cpuinfo | head -1)
family=$(sed -n 's/^cpu family\s*:\s*//p' /proc/cpuinfo | head -1)
model=$(sed -n 's/^model\s*:\s*//p' /proc/cpuinfo | head -1)
isa=avx2
grep -qw avx512f /proc/cpuinfo && isa=avx512
case "$vendor/$family/$isa" in
  GenuineIntel/*/avx512) echo intel-avx512 ;;
  AuthenticAMD/25/avx512) echo amd-zen4 ;;
  AuthenticAMD/25/avx2) echo amd-zen3 ;;
  *) echo "$(echo "$vendor" | tr 'A-Z' 'a-z')-family$family-model$model-$isa" ;;
esac
