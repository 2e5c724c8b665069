#!/usr/bin/env bash
# Runs each kernel natively (gcc -O2), under V8 (node --no-liftoff) and under Kiln; prints min/median times.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
read -r wasm native < <("$here/build.sh" | tail -1)
dotnet build "$root/bench/Kiln.Bench" -c Release -v quiet -nologo >/dev/null
bench="dotnet $root/artifacts/bin/Kiln.Bench/release/Kiln.Bench.dll"
runs=${RUNS:-5}
for k in "fib 32" "sieve 4000000" "matmul 6" "hash 40"; do
  set -- $k
  "$native" "$1" "$2" "$runs"
  node --no-liftoff --no-wasm-lazy-compilation "$root/bench/scripts/v8-exec.mjs" "$wasm" "$1" "$2" "$runs"
  $bench exec "$wasm" "$1" "$2" "$runs"
done
