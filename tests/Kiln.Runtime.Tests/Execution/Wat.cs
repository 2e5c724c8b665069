using System.Text;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>Compiles and instantiates WebAssembly text in a fresh store.</summary>
internal static class Wat
{
    public static Module Compile(Engine engine, string wat) => new(engine, Encoding.UTF8.GetBytes(wat));

    public static Instance Instantiate(Store store, string wat, Linker? linker = null) =>
        (linker ?? new Linker(store.Engine)).Instantiate(store, Compile(store.Engine, wat));
}
