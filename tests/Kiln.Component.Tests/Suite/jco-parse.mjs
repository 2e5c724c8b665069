// Parses every *.wat in a directory to *.wasm with wasm-tools (as carried by jco), one node process for all;
// a file that does not parse gets *.err with the message. Used only by the ComponentSuite tests.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [nodeModules, dir] = process.argv.slice(2);
const require = createRequire(join(nodeModules, "noop.js"));
const { parse } = await import(pathToFileURL(require.resolve("@bytecodealliance/jco-transpile/wasm-tools")).href);
for (const name of await readdir(dir)) {
  if (!name.endsWith(".wat")) continue;
  const base = join(dir, name.slice(0, -4));
  try {
    await writeFile(base + ".wasm", await parse((await readFile(join(dir, name))).toString()));
  } catch (e) {
    await writeFile(base + ".err", String(e?.message ?? e));
  }
}
