// Runs prepared modules in V8: host imports log their arguments, every exported function is called in export
// order with no arguments. Prints one JSON object per module, {events: [...]} in the format of Outcome.cs, or
// {error: "..."} when V8 cannot run the module at all.
//   node runner.mjs FILE      one module
//   node runner.mjs --serve   one module path per stdin line, one JSON line each (the fuzzer's long-lived mode)
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const hex = (v, w) => v.toString(16).padStart(w, '0');
function fmt(type, v) {
  switch (type) {
    case 'i32': return String(v >>> 0);
    case 'i64': return String(BigInt.asUintN(64, BigInt(v)));
    case 'f32': f32[0] = v; return Number.isNaN(f32[0]) ? 'bits:nan' : 'bits:' + hex(u32[0], 8);
    case 'f64': f64[0] = v; return Number.isNaN(v) ? 'bits:nan' : 'bits:' + hex(u64[0], 16);
    default: return v === null ? 'null' : 'ref';
  }
}
function resultText(v) {
  if (v === undefined) return '';
  const vs = Array.isArray(v) ? v : [v];
  return vs.map(x => ' ' + (typeof x === 'bigint' ? String(BigInt.asUintN(64, x)) : String(x >>> 0))).join('');
}
function trapText(e) { return (e && e.message) ? e.message : String(e); }

function run(path) {
  const events = [];
  const module = new WebAssembly.Module(readFileSync(path));
  // Parameter types of imports are not exposed by the JS API; the fuzzing-support names carry them.
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') continue;
    const m = /^log-(i32|i64|f32|f64)$/.exec(imp.name);
    const type = m ? m[1] : 'i32';
    (imports[imp.module] ??= {})[imp.name] = (...args) => { events.push('log ' + imp.name + args.map(a => ' ' + fmt(type, a)).join('')); };
  }
  let instance;
  try {
    instance = new WebAssembly.Instance(module, imports);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
      events.push('instantiate ! msg:' + trapText(e));
      return { events };
    }
    throw e;
  }
  for (const exp of WebAssembly.Module.exports(module)) {
    if (exp.kind !== 'function') continue;
    try {
      events.push(`call ${exp.name} =` + resultText(instance.exports[exp.name]()));
    } catch (e) {
      events.push(`call ${exp.name} ! msg:` + trapText(e));
    }
  }
  return { events };
}

if (process.argv[2] === '--serve') {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    let answer;
    try { answer = run(line); } catch (e) { answer = { error: String(e && e.stack ? e.stack : e) }; }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
} else {
  console.log(JSON.stringify(run(process.argv[2])));
}
