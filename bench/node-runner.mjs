// node-runner.mjs: runs one wasm32-wasi benchmark once under V8 (Node.js).
//
//   node --no-liftoff --no-wasm-lazy-compilation --no-warnings bench/node-runner.mjs FILE.wasm [--json PATH]
//
// --no-liftoff: TurboFan (V8's optimizing tier) only; --no-wasm-lazy-compilation: every
// function is compiled inside WebAssembly.compile, not on its first call inside the timed region.
// The module imports ("bench" "start") and ("bench" "end"), type [] -> []; the time between
// them (summed if there are several pairs) is the measured region. Printed to stderr:
//   v8-compile-ns N
//   v8-instantiate-ns N
//   bench-time-ns N
// The program's own stdout (its checksum) passes through. The current directory is preopened as ".". One run per process: Node 20
// crashes when a compiled module is started twice with returnOnExit (nodejs/node#52402), and
// without returnOnExit wasi-libc's exit ends the process, so run.py starts a process per run.
import { readFileSync, writeFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const args = process.argv.slice(2);
let file = null, jsonPath = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonPath = args[++i];
  else if (file === null) file = args[i];
  else { console.error(`node-runner: unexpected argument ${args[i]}`); process.exit(2); }
}
if (!file) {
  console.error('usage: node-runner.mjs FILE.wasm [--json PATH]');
  process.exit(2);
}

const ns = (a, b) => Number(b - a);
const bytes = readFileSync(file);
const t0 = process.hrtime.bigint();
const module = await WebAssembly.compile(bytes);
const t1 = process.hrtime.bigint();

let started = 0n, total = 0n, regions = 0;
const bench = {
  start() { started = process.hrtime.bigint(); },
  end() { total += process.hrtime.bigint() - started; regions++; },
};
// The current directory is preopened as "." (Sightglass programs read their *.input files from it),
// as `kiln bench` does.
const wasi = new WASI({ version: 'preview1', args: [file], env: {}, preopens: { '.': '.' }, returnOnExit: true });
// The WASI functions are wrapped in plain JS functions so wasm does not call Node's C++ WASI
// directly. Unwrapped, Node 20.20 crashed (SIGSEGV after the program's output) in 3 of 5 runs of
// hashtable, whose memory grows to ~40 MiB; built with --initial-memory=128MiB it did not crash,
// and wrapped it passed 8 of 8. Known Node issues of the same shape: nodejs/node#46777, #53087
// (WASI "fast calls"). WASI is only called outside the measured region, so this costs nothing measured.
const wasiImport = wasi.getImportObject().wasi_snapshot_preview1;
const wrapped = {};
for (const [name, fn] of Object.entries(wasiImport)) wrapped[name] = (...a) => fn(...a);
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wrapped, bench });
const t2 = process.hrtime.bigint();
const code = wasi.start(instance);
const t3 = process.hrtime.bigint();

process.stderr.write(`v8-compile-ns ${ns(t0, t1)}\nv8-instantiate-ns ${ns(t1, t2)}\n`);
if (code !== 0) {
  console.error(`node-runner: ${file} exited with code ${code}`);
  process.exit(code || 1);
}
if (regions === 0) {
  console.error(`node-runner: ${file} never called bench.start/bench.end`);
  process.exit(3);
}
process.stderr.write(`bench-time-ns ${total}\n`);
if (jsonPath) {
  writeFileSync(jsonPath, JSON.stringify([{
    compile_ms: ns(t0, t1) / 1e6, instantiate_ms: ns(t1, t2) / 1e6,
    exec_ms: Number(total) / 1e6, run_ms: ns(t2, t3) / 1e6,
  }]) + '\n');
}
