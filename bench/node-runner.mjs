// node-runner.mjs: runs a wasm32-wasi benchmark under V8 (Node.js) and times it the way
// `kiln bench` does: compile once, then per iteration a fresh WASI + instance + _start.
//
//   node --no-liftoff --no-wasm-lazy-compilation --no-warnings bench/node-runner.mjs FILE.wasm [--iterations N] [--json PATH]
//
// The module imports ("bench" "start") and ("bench" "end"), type [] -> []; the time between
// them is the measured region. Per iteration this prints to stderr
//   bench-time-ns N           (sum of all start..end regions of that iteration)
// and once, before the iterations,
//   v8-compile-ns N
// plus per iteration "v8-instantiate-ns N". The program's own stdout (its checksum) passes through.
import { readFileSync, writeFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const args = process.argv.slice(2);
let file = null, iterations = 1, jsonPath = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--iterations') iterations = parseInt(args[++i], 10);
  else if (args[i] === '--json') jsonPath = args[++i];
  else if (file === null) file = args[i];
  else { console.error(`node-runner: unexpected argument ${args[i]}`); process.exit(2); }
}
if (!file || !(iterations >= 1)) {
  console.error('usage: node-runner.mjs FILE.wasm [--iterations N] [--json PATH]');
  process.exit(2);
}

const bytes = readFileSync(file);
const ns = (a, b) => Number(b - a);
const t0 = process.hrtime.bigint();
const module = await WebAssembly.compile(bytes);
const t1 = process.hrtime.bigint();
process.stderr.write(`v8-compile-ns ${ns(t0, t1)}\n`);

const records = [];
for (let it = 0; it < iterations; it++) {
  let started = 0n, total = 0n, regions = 0;
  const bench = {
    start() { started = process.hrtime.bigint(); },
    end() {
      const now = process.hrtime.bigint();
      total += now - started;
      regions++;
    },
  };
  const wasi = new WASI({ version: 'preview1', args: [file], env: {}, returnOnExit: false });
  const i0 = process.hrtime.bigint();
  const instance = await WebAssembly.instantiate(module, { ...wasi.getImportObject(), bench });
  const i1 = process.hrtime.bigint();
  // returnOnExit: false, so a guest exit(n != 0) ends this process with status n.
  // (returnOnExit: true crashes Node 20 when a compiled module is instantiated twice:
  // nodejs/node#52402; run.py uses one process per run anyway.)
  wasi.start(instance);
  const i2 = process.hrtime.bigint();
  if (regions === 0) {
    console.error(`node-runner: ${file} never called bench.start/bench.end`);
    process.exit(3);
  }
  process.stderr.write(`v8-instantiate-ns ${ns(i0, i1)}\n`);
  process.stderr.write(`bench-time-ns ${total}\n`);
  records.push({
    compile_ms: it === 0 ? ns(t0, t1) / 1e6 : 0,
    instantiate_ms: ns(i0, i1) / 1e6,
    exec_ms: Number(total) / 1e6,
    run_ms: ns(i1, i2) / 1e6,
  });
}
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(records, null, 1) + '\n');
