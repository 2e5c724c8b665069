using Kiln.Runtime;
using Kiln.Wasm.Model;
using Global = Kiln.Runtime.Global;

namespace Kiln.Cli.Wast;

/// <summary>The spec interpreter's <c>spectest</c> module: print functions (that print nothing here),
/// globals of 666 / 666.6, a 10..20 funcref table and a 1..2 page memory.</summary>
internal static class SpecTestHost
{
    public static void Define(Linker linker, Store store)
    {
        DefinePrint(linker, "print");
        DefinePrint(linker, "print_i32", ValType.I32);
        DefinePrint(linker, "print_i64", ValType.I64);
        DefinePrint(linker, "print_f32", ValType.F32);
        DefinePrint(linker, "print_f64", ValType.F64);
        DefinePrint(linker, "print_i32_f32", ValType.I32, ValType.F32);
        DefinePrint(linker, "print_f64_f64", ValType.F64, ValType.F64);
        linker.Define("spectest", "global_i32", new Global(store, new GlobalType(ValType.I32, false), Value.I32(666)));
        linker.Define("spectest", "global_i64", new Global(store, new GlobalType(ValType.I64, false), Value.I64(666)));
        linker.Define("spectest", "global_f32", new Global(store, new GlobalType(ValType.F32, false), Value.F32(666.6f)));
        linker.Define("spectest", "global_f64", new Global(store, new GlobalType(ValType.F64, false), Value.F64(666.6)));
        linker.Define("spectest", "table", new Table(store, new TableType(ValType.FuncRef, new Limits(10, 20)), Value.Null(ValType.FuncRef)));
        linker.Define("spectest", "memory", new Memory(store, new MemoryType(new Limits(1, 2))));
        // The threads proposal's spectest module adds a shared memory of the same size.
        linker.Define("spectest", "shared_memory", new Memory(store, new MemoryType(new Limits(1, 2), Shared: true)));
    }

    private static void DefinePrint(Linker linker, string name, params ValType[] parameters) =>
        linker.DefineFunction("spectest", name, new FuncType(parameters, []), static (_, _, _) => { });
}
