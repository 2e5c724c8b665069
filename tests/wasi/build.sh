#!/bin/sh
# Builds every tests/wasi/*.c into a .wasm beside it with Debian's clang-14 and
# wasi-libc (packages clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32).
# The .wasm files are build output (see .gitignore).
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-14}
for src in *.c; do
  name=${src%.c}
  "$CC" --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Werror -o "$name.wasm" "$src"
  echo "built $name.wasm"
done
