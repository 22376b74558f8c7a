#!/usr/bin/env bash
# Builds a Release replylint and benchmarks it against the bare Hunspell CLI on the same inputs.
#   bash bench/run.sh            all measurements, about two minutes
#   bash bench/run.sh --quick    fewer repetitions and a smaller bulk set
# Inputs are generated into a temporary folder (never committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/dev.sh deps
missing=()
for p in hunspell time python3 libbenchmark-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DREPLYLINT_BUILD_TESTS=OFF -DREPLYLINT_BUILD_BENCH=ON >/dev/null
cmake --build build-release -j"$(nproc)" >/dev/null
python3 bench/bench.py --binary build-release/replylint "$@"
python3 bench/scaling.py --binary build-release/replylint "$@"  # time against input size: exponent ≈ 1
if [ -x build-release/bench/replylint_micro ]; then
  build-release/bench/replylint_micro --benchmark_min_time=0.2
fi
