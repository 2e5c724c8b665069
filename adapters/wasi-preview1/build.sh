#!/bin/sh
# Builds Kiln's wasi_snapshot_preview1 adapter, both flavors, into OUT_DIR (default: ./out):
#   wasi_snapshot_preview1.command.wasm  exports wasi:cli/run (runs the program's _start)
#   wasi_snapshot_preview1.reactor.wasm  the preview1 functions only
# Needs clang-14 and wasm-ld-14 (Debian packages clang-14, lld-14). The output depends only on the sources: no
# paths or dates reach it (no debug info; the component-type sections are committed binaries, see wit/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/out}
CC=${CC:-clang-14}
LD=${LD:-wasm-ld-14}
for tool in "$CC" "$LD"; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "error: $tool not found: Kiln's preview1 adapter (adapters/wasi-preview1) needs the Debian packages clang-14 and lld-14" >&2
    exit 1
  }
done
mkdir -p "$out"
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
cd "$here"
# No data segments are allowed in an adapter (it lives in the program's memory): -fno-jump-tables also keeps
# switches from becoming lookup tables in rodata; bulk-memory turns memcpy/memset into instructions.
cflags="--target=wasm32-unknown-unknown -nostdlib -ffreestanding -O2 -mbulk-memory -fno-jump-tables -Wall -Wextra -Werror -fno-ident"
common=""
for src in src/*.c; do
  name=$(basename "$src" .c)
  [ "$name" = command ] && continue
  "$CC" $cflags -c "$src" -o "$obj/$name.o"
  common="$common $obj/$name.o"
done
"$CC" $cflags -c src/command.c -o "$obj/command.o"
"$CC" --target=wasm32-unknown-unknown -c src/globals.S -o "$obj/globals.o"
for flavor in command reactor; do
  # The world this flavor needs, as the component-type custom section wit-component reads.
  "$CC" --target=wasm32-unknown-unknown -Wa,-I,"$here/wit" -c "src/component-type-$flavor.S" -o "$obj/type-$flavor.o"
  extra=""
  [ "$flavor" = command ] && extra="$obj/command.o"
  # An imported memory of minimum 0 pages, a stack pointer starting at 0 (wit-component allocates the stack),
  # no entry point; the name section stays: wit-component finds __stack_pointer and allocation_state by name.
  "$LD" --no-entry --import-memory --initial-memory=0 -z stack-size=0 --stack-first \
    $common $extra "$obj/globals.o" "$obj/type-$flavor.o" -o "$out/wasi_snapshot_preview1.$flavor.wasm"
done
