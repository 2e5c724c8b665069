// Times calls of an exported (i32) -> T function under V8's optimizing tier:
//   node --no-liftoff --no-wasm-lazy-compilation bench/scripts/v8-exec.mjs FILE.wasm EXPORT ARG [RUNS]
import { readFileSync } from 'node:fs';
const [file, name, arg, runsText] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const f = instance.exports[name];
const runs = Number(runsText ?? 5);
let result = f(Number(arg));
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  result = f(Number(arg));
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`v8 ${name}(${arg}): min ${times[0].toFixed(1)} ms, median ${times[runs >> 1].toFixed(1)} ms, result ${result}`);
