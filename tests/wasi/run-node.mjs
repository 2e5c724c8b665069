// Runs the built tests/wasi/*.wasm with Node.js's own WASI (uvwasi), an
// independent implementation, and compares each with name.expected: the check
// that the expected outputs are right. Conventions (the Kiln runner uses the
// same): argv = [name, "alpha", "beta gamma"], environment exactly
// KILN_TEST=hello KILN_OTHER=x, an empty temp directory preopened as
// /sandbox, stdout compared, stderr ignored, exit code 0 unless the source
// says "// expected-exit: N", stdin is name.stdin if present (empty
// otherwise). name.links, if present, lists symlinks
// ("NAME -> TARGET") to create in the sandbox before the program starts.
// Nothing may appear beside the sandbox.
//   node tests/wasi/run-node.mjs [--update] [name...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const here = path.dirname(fileURLToPath(import.meta.url));
const update = process.argv.includes('--update');
const names = process.argv.slice(2).filter(a => !a.startsWith('--'));
const all = names.length ? names : fs.readdirSync(here).filter(f => f.endsWith('.c')).map(f => f.slice(0, -2)).sort();
let failed = 0, skipped = 0;
for (const name of all) {
  const source = fs.readFileSync(path.join(here, `${name}.c`), 'utf8');
  const skip = source.match(/not-checkable-with-node:\s*(.*)/);
  if (skip) {
    console.log(`skip ${name}: ${skip[1]} (see ${name}.c)`);
    skipped++;
    continue;
  }
  const expectedExit = Number((source.match(/expected-exit:\s*(\d+)/) ?? [0, 0])[1]);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-wasi-node-'));
  const sandbox = path.join(root, 'sandbox');
  fs.mkdirSync(sandbox);
  const links = path.join(here, `${name}.links`);
  if (fs.existsSync(links)) {
    for (const line of fs.readFileSync(links, 'utf8').split('\n').filter(l => l.includes(' -> '))) {
      const [link, target] = line.split(' -> ');
      fs.symlinkSync(target, path.join(sandbox, link));
    }
  }
  const outFile = path.join(os.tmpdir(), `kiln-wasi-${name}-${process.pid}.out`);
  const out = fs.openSync(outFile, 'w');
  const err = fs.openSync('/dev/null', 'w');
  const stdinPath = path.join(here, `${name}.stdin`);
  const stdin = fs.openSync(fs.existsSync(stdinPath) ? stdinPath : '/dev/null', 'r');
  const wasi = new WASI({
    version: 'preview1',
    args: [name, 'alpha', 'beta gamma'],
    env: { KILN_TEST: 'hello', KILN_OTHER: 'x' },
    preopens: { '/sandbox': sandbox },
    stdin,
    stdout: out,
    stderr: err,
    returnOnExit: true,
  });
  const module = await WebAssembly.compile(fs.readFileSync(path.join(here, `${name}.wasm`)));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const code = wasi.start(instance);
  fs.closeSync(out);
  fs.closeSync(err);
  fs.closeSync(stdin);
  const actual = fs.readFileSync(outFile, 'utf8');
  fs.unlinkSync(outFile);
  const beside = fs.readdirSync(root);
  fs.rmSync(root, { recursive: true, force: true });
  const expectedPath = path.join(here, `${name}.expected`);
  if (update)
    fs.writeFileSync(expectedPath, actual);
  const expected = fs.existsSync(expectedPath) ? fs.readFileSync(expectedPath, 'utf8') : null;
  const problems = [];
  if (actual !== expected)
    problems.push('stdout differs from the expected output');
  if (code !== expectedExit)
    problems.push(`exit code ${code}, expected ${expectedExit}`);
  if (beside.join() !== 'sandbox')
    problems.push(`files appeared beside the sandbox: ${beside.join(', ')}`);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? ': ' + problems.join('; ') : ''}`);
  failed += problems.length ? 1 : 0;
}
console.log(`${all.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
