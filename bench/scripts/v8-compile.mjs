// Times V8's optimizing compiler on a module: run with
//   node --no-liftoff --no-wasm-lazy-compilation bench/scripts/v8-compile.mjs FILE.wasm [RUNS]
import { readFileSync } from 'node:fs';
const bytes = readFileSync(process.argv[2]);
const runs = Number(process.argv[3] ?? 5);
// V8 caches native modules by their bytes, so every run compiles a copy that differs in a custom section.
const times = [];
for (let i = 0; i < runs; i++) {
  const copy = new Uint8Array(bytes.length + 8);
  copy.set(bytes);
  copy.set([0, 6, 1, 0x78, i & 0xff, (i >> 8) & 0xff, 0, 0], bytes.length); // custom section "x"
  const t0 = process.hrtime.bigint();
  new WebAssembly.Module(copy);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`v8 compile ${process.argv[2]} (${bytes.length} bytes): min ${times[0].toFixed(0)} ms, median ${times[runs >> 1].toFixed(0)} ms over ${runs} runs`);
