using Kiln.Runtime;
using Kiln.Wasm.Model;

// Outside the Kiln namespaces, as an embedder's code is: both usings together compile only if no public type name of
// the model collides with the runtime's (CS0104 on 'Module' before Kiln.Wasm.Model.Module became WasmModule).
namespace Embedder;

public static class SideBySide
{
    public static Module Prepare(Engine engine, WasmModule model) => new(engine, model);
}
