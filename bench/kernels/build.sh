#!/usr/bin/env bash
# Builds kernels.wasm (clang-14, wasm32, no libc) and the native driver (gcc -O2) into bench/build/kernels.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; out="$here/../build/kernels"; mkdir -p "$out"
clang-14 --target=wasm32 -O2 -fno-builtin -nostdlib -Wl,--no-entry -Wl,-z,stack-size=1048576 -o "$out/kernels.wasm" "$here/kernels.c"
gcc -O2 -o "$out/kernels-native" "$here/kernels.c" "$here/native-main.c"
echo "$out/kernels.wasm $out/kernels-native"
