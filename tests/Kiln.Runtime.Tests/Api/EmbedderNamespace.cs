using Kiln.Component.Model;
using Kiln.Runtime;
using Kiln.Wasm.Model;

// Outside the Kiln namespaces, as an embedder's code is: these usings together compile only if no public type name of
// the models collides with the runtime's (CS0104 on 'Module' before Kiln.Wasm.Model.Module became WasmModule, and on
// 'ComponentInstance' before the component model's instance definition became ComponentInstanceDefinition).
namespace Embedder;

public static class SideBySide
{
    public static Module Prepare(Engine engine, WasmModule model) => new(engine, model);

    public static ComponentInstance? Current(ComponentInstance? running, ComponentInstanceDefinition? definition) =>
        definition is null ? null : running;
}
