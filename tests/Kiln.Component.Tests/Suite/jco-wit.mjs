// wit-component as jco carries it, for the WIT comparison tests only (Category=ComponentSuite):
//   embed WIT_FILE WORLD OUT   a dummy core module whose component-type section encodes WORLD (wasm-tools component embed --dummy)
//   new CORE OUT               the component of a core module (wasm-tools component new)
//   wit COMPONENT OUT          the component's WIT (wasm-tools component wit, main package only)
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [nodeModules, mode, a, b, c] = process.argv.slice(2);
const require = createRequire(join(nodeModules, "noop.js"));
const tools = await import(pathToFileURL(require.resolve("@bytecodealliance/jco-transpile/wasm-tools")).href);
if (mode === "embed") {
  await writeFile(c, await tools.componentEmbed({ witSource: (await readFile(a)).toString(), dummy: true, world: b }));
} else if (mode === "new") {
  await writeFile(b, await tools.componentNew(await readFile(a), []));
} else if (mode === "wit") {
  await writeFile(b, await tools.componentWit(await readFile(a)));
} else {
  throw new Error(`unknown mode ${mode}`);
}
