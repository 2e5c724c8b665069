using Kiln.Compiler.Translate;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Passes;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Compiler.Tests.Translate;

/// <summary>WAT in, verified IR out.</summary>
internal static class Wat
{
    public static WasmModule Parse(string wat)
    {
        var m = WatParser.ParseModule(wat);
        ModuleValidator.Validate(m);
        return m;
    }

    /// <summary>Translates every function, asserting the verifier accepts each one.</summary>
    public static TranslatedModule Translate(string wat)
    {
        var m = Parse(wat);
        var t = ModuleTranslator.Translate(m, new VmContextLayout(m));
        foreach (var f in t.Functions)
        {
            AssertVerifies(f);
        }
        foreach (var f in t.EntryTrampolines)
        {
            AssertVerifies(f);
        }
        foreach (var f in t.HostTrampolines)
        {
            AssertVerifies(f);
        }
        return t;
    }

    /// <summary>The IR text of the module's only (or last) defined function, freshly translated.</summary>
    public static string Ir(string wat)
    {
        var t = Translate(wat);
        return t.Functions[^1].ToString();
    }

    /// <summary>The same after the verified default pipeline.</summary>
    public static string Optimized(string wat)
    {
        var t = Translate(wat);
        var f = t.Functions[^1];
        PassManager.Default(verify: true).Run(f);
        return f.ToString();
    }

    public static void AssertVerifies(Function f)
    {
        var errors = Verifier.Verify(f);
        Assert.True(errors.Count == 0, $"{string.Join("\n", errors)}\n{f}");
    }
}
