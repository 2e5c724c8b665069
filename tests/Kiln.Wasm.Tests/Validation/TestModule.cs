using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>Builds <see cref="Module"/>s through the model API for validator tests.</summary>
internal sealed class TestModule
{
    public WasmModule Module { get; } = new();

    public static ValType[] T(params ValType[] types) => types;

    public uint Type(ValType[] parameters, ValType[] results)
    {
        Module.Types.Add(new FuncType(parameters, results));
        return (uint)Module.Types.Count - 1;
    }

    /// <summary>Adds a defined function; <paramref name="body"/> writes the instructions and the final end is appended.
    /// Returns its index in the function index space.</summary>
    public uint Func(ValType[] parameters, ValType[] results, Action<CodeBuilder> body, params LocalGroup[] locals) =>
        FuncOfType(Type(parameters, results), body, locals);

    public uint FuncOfType(uint typeIndex, Action<CodeBuilder> body, params LocalGroup[] locals)
    {
        var code = new CodeBuilder();
        body(code);
        code.End();
        return RawFunc(typeIndex, code.ToArray(), locals);
    }

    /// <summary>Adds a function whose code is exactly <paramref name="code"/> (no end appended).</summary>
    public uint RawFunc(uint typeIndex, byte[] code, params LocalGroup[] locals)
    {
        Module.Functions.Add(typeIndex);
        Module.Codes.Add(new FunctionBody { Locals = locals, Code = code });
        return (uint)(Module.ImportedFunctionCount + Module.Functions.Count - 1);
    }

    public uint ImportFunc(ValType[] parameters, ValType[] results)
    {
        uint t = Type(parameters, results);
        Module.Imports.Add(new Import("m", $"f{Module.Imports.Count}", ExternalKind.Func) { FuncTypeIndex = t });
        Module.CountImports();
        return (uint)Module.ImportedFunctionCount - 1;
    }

    public uint ImportGlobal(ValType type, bool mutable = false)
    {
        Module.Imports.Add(new Import("m", $"g{Module.Imports.Count}", ExternalKind.Global) { Global = new GlobalType(type, mutable) });
        Module.CountImports();
        return (uint)Module.ImportedGlobalCount - 1;
    }

    public void ImportMemory(ulong min, ulong? max = null)
    {
        Module.Imports.Add(new Import("m", $"mem{Module.Imports.Count}", ExternalKind.Memory) { Memory = new MemoryType(new Limits(min, max)) });
        Module.CountImports();
    }

    public void ImportTable(ValType elem, ulong min, ulong? max = null)
    {
        Module.Imports.Add(new Import("m", $"t{Module.Imports.Count}", ExternalKind.Table) { Table = new TableType(elem, new Limits(min, max)) });
        Module.CountImports();
    }

    public uint Global(ValType type, bool mutable, Action<CodeBuilder> init)
    {
        Module.Globals.Add(new Global(new GlobalType(type, mutable), Expr(init)));
        return (uint)Module.TotalGlobalCount - 1;
    }

    public uint Global(ValType type, bool mutable = false) => Global(type, mutable, c => c.Const(type));

    public void Memory(ulong min = 1, ulong? max = null) => Module.Memories.Add(new MemoryType(new Limits(min, max)));

    public uint Table(ValType elem = ValType.FuncRef, ulong min = 1, ulong? max = null)
    {
        Module.Tables.Add(new TableType(elem, new Limits(min, max)));
        return (uint)Module.TotalTableCount - 1;
    }

    /// <summary>A passive data segment; also sets the data count, as the binary's data count section would.</summary>
    public uint PassiveData()
    {
        Module.Data.Add(new DataSegment { Mode = SegmentMode.Passive, Data = new byte[] { 1, 2, 3 } });
        Module.DataCount = (uint)Module.Data.Count;
        return (uint)Module.Data.Count - 1;
    }

    public void ActiveData(Action<CodeBuilder> offset, uint memory = 0)
    {
        Module.Data.Add(new DataSegment { Mode = SegmentMode.Active, MemoryIndex = memory, Offset = Expr(offset), Data = new byte[] { 1 } });
        Module.DataCount = (uint)Module.Data.Count;
    }

    public uint Elem(ElementSegment segment)
    {
        Module.Elements.Add(segment);
        return (uint)Module.Elements.Count - 1;
    }

    public uint DeclareFuncs(params uint[] funcs) =>
        Elem(new ElementSegment { Mode = SegmentMode.Declarative, FunctionIndices = funcs });

    public uint PassiveElem(ValType type, params Action<CodeBuilder>[] items)
    {
        var exprs = new ConstExpr[items.Length];
        for (int i = 0; i < items.Length; i++) exprs[i] = Expr(items[i]);
        return Elem(new ElementSegment { Mode = SegmentMode.Passive, ElementType = type, Expressions = exprs });
    }

    public void Export(string name, ExternalKind kind, uint index) => Module.Exports.Add(new Export(name, kind, index));

    /// <summary>A constant expression; the end is appended.</summary>
    public static ConstExpr Expr(Action<CodeBuilder> body)
    {
        var c = new CodeBuilder();
        body(c);
        c.End();
        return new ConstExpr(c.ToArray(), 0);
    }

    public void Valid() => ModuleValidator.Validate(Module);

    /// <summary>Asserts validation fails with a reason starting with <paramref name="reason"/>.</summary>
    public WasmValidationException Invalid(string reason)
    {
        var ex = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(Module));
        Assert.StartsWith(reason, ex.Reason);
        return ex;
    }
}

/// <summary>One-function modules, the common case.</summary>
internal static class Body
{
    public static TestModule Of(ValType[] parameters, ValType[] results, Action<CodeBuilder> body, params LocalGroup[] locals)
    {
        var m = new TestModule();
        m.Func(parameters, results, body, locals);
        return m;
    }

    public static void Valid(ValType[] parameters, ValType[] results, Action<CodeBuilder> body, params LocalGroup[] locals) =>
        Of(parameters, results, body, locals).Valid();

    public static WasmValidationException Invalid(string reason, ValType[] parameters, ValType[] results, Action<CodeBuilder> body, params LocalGroup[] locals) =>
        Of(parameters, results, body, locals).Invalid(reason);
}
