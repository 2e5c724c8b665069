using System.Globalization;
using Kiln.Runtime;
using Kiln.Wasm.Model;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.DiffFuzz;

/// <summary>Runs a prepared module in Kiln, in this process: host imports log their arguments, every exported
/// function is called in export order.</summary>
internal sealed class KilnRunner
{
    private readonly Engine engine = new(new EngineConfig { CompilationThreads = 1 });

    public Outcome Run(byte[] wasm)
    {
        var events = new List<string>();
        RuntimeModule module;
        try
        {
            module = new RuntimeModule(engine, wasm);
        }
        catch (Exception e)
        {
            return Outcome.Failed("kiln", "error", $"compile: {e.GetType().Name}: {e.Message}");
        }
        using (module)
        using (var store = new Store(engine))
        {
            var linker = new Linker(engine);
            foreach (var import in module.Imports)
            {
                if (import.Kind != ExternalKind.Func) continue;
                var type = module.Source.Types[(int)import.FuncTypeIndex];
                string name = import.Name;
                linker.DefineFunction(import.ModuleName, import.Name, type, (_, args, results) =>
                {
                    events.Add("log " + name + string.Concat(args.ToArray().Select(a => " " + Format(a))));
                    for (int i = 0; i < results.Length; i++) results[i] = Value.Default(type.Results[i]);
                });
            }
            Instance instance;
            try
            {
                instance = linker.Instantiate(store, module);
            }
            catch (Trap t)
            {
                events.Add("instantiate ! " + TrapKinds.Of(t.Code));
                return new Outcome("kiln", "ok", events);
            }
            catch (Exception e)
            {
                return Outcome.Failed("kiln", "error", $"instantiate: {e.GetType().Name}: {e.Message}");
            }
            foreach (var export in module.Exports)
            {
                if (export.Kind != ExternalKind.Func || instance.GetFunc(export.Name) is not Func f) continue;
                try
                {
                    var results = f.Call();
                    events.Add($"call {export.Name} =" + string.Concat(results.Select(r => " " + Format(r))));
                }
                catch (Trap t)
                {
                    events.Add($"call {export.Name} ! {TrapKinds.Of(t.Code)}");
                }
            }
        }
        return new Outcome("kiln", "ok", events);
    }

    private static string Format(Value v) => v.Type switch
    {
        ValType.I32 => ((uint)v.AsI32()).ToString(CultureInfo.InvariantCulture),
        ValType.I64 => ((ulong)v.AsI64()).ToString(CultureInfo.InvariantCulture),
        ValType.F32 => FloatText.Bits32(v.AsF32Bits()),
        ValType.F64 => FloatText.Bits64(v.AsF64Bits()),
        _ => v.IsNull ? "null" : "ref",
    };
}
