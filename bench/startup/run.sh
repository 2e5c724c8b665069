#!/usr/bin/env bash
# Whole-process start-up, Kiln beside Wasmtime 50.0.1 (NuGet, through tests/Kiln.Reference) and node, with hyperfine:
#   run        a precompiled WASI hello world (kiln run hello.kiln / Wasmtime deserialize + _start / node compiles it)
#   compile    kiln compile of a small and a larger module, one process each (so the first compile in a process)
# Usage: bench/startup/run.sh [--kiln PATH] [--runs N] [--large FILE.wasm]   (default: ./kiln, 20 runs, bench/programs/sha256)
# Needs hyperfine, clang-14 + wasi-libc (as tests/wasi/build.sh), node. Kiln runs as a user runs it: ./kiln's executable.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kiln="$root/kiln" runs=20 large=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kiln) kiln="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --large) large="$2"; shift 2 ;;
    *) echo "usage: $0 [--kiln PATH] [--runs N] [--large FILE.wasm]" >&2; exit 2 ;;
  esac
done
out="$root/artifacts/startup-bench"
mkdir -p "$out"
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -o "$out/hello.wasm" "$here/hello.c"
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -I"$root/bench/programs" -o "$out/sha256.wasm" "$root/bench/programs/sha256.c"
[ -n "$large" ] || large="$out/sha256.wasm"
# Builds ./kiln if stale (not timed), and the Wasmtime runner. "kiln" below is the executable itself, as
# 'dotnet tool install kiln' puts it on PATH; "./kiln" adds the launcher's staleness check (bash + find).
"$kiln" --version >/dev/null
launcher="$kiln"
if [ "$kiln" = "$root/kiln" ]; then
  case "$(uname -m)" in x86_64) rid=linux-x64 ;; *) rid=linux-arm64 ;; esac
  kiln="$root/artifacts/publish/Kiln.Cli/release_$rid/kiln"
fi
dotnet build "$root/bench/Kiln.Bench.Wasmtime" -c Release --nologo -v quiet -tl:off >/dev/null
wt="dotnet $root/artifacts/bin/Kiln.Bench.Wasmtime/release/Kiln.Bench.Wasmtime.dll"
"$kiln" compile "$out/hello.wasm" -o "$out/hello.kiln"
$wt --precompile "$out/hello.wasm" "$out/hello.cwasm"
for check in "$kiln run $out/hello.kiln" "$wt --run $out/hello.cwasm" "node --no-warnings $here/node-hello.mjs $out/hello.wasm"; do
  [ "$($check)" = "hello, world" ] || { echo "$check did not print hello, world" >&2; exit 1; }
done
hyperfine -N -w 3 -r "$runs" --export-json "$out/run.json" \
  -n "kiln run hello.kiln" "$kiln run $out/hello.kiln" \
  -n "./kiln run hello.kiln (launcher)" "$launcher run $out/hello.kiln" \
  -n "wasmtime-dotnet deserialize + run" "$wt --run $out/hello.cwasm" \
  -n "node hello.wasm" "node --no-warnings $here/node-hello.mjs $out/hello.wasm"
hyperfine -N -w 1 -r "$runs" --export-json "$out/compile.json" \
  -n "kiln compile hello.wasm" "$kiln compile $out/hello.wasm -o $out/c1.kiln" \
  -n "kiln compile $(basename "$large")" "$kiln compile $large -o $out/c2.kiln"
# Medians (hyperfine prints means; the acceptance is on medians).
python3 - "$out/run.json" "$out/compile.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']:<40} median {r['median'] * 1000:8.1f} ms   user {r['user'] * 1000:7.1f} ms   system {r['system'] * 1000:6.1f} ms")
PY
