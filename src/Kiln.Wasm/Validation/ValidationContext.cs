using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

/// <summary>
/// The spec's context C for one module, flattened into arrays indexed by the index spaces: what function
/// bodies (and constant expressions) may refer to. Built once per module, immutable afterwards, so one
/// context can back several <see cref="FunctionValidator"/>s running on different threads.
/// </summary>
public sealed partial class ValidationContext
{
    private readonly bool[] _declaredRefs;

    private ValidationContext(WasmModule module)
    {
        Module = module;
        if (module.ImportedFunctionCount + module.ImportedTableCount + module.ImportedMemoryCount + module.ImportedGlobalCount
            + module.ImportedTagCount != module.Imports.Count)
        {
            module.CountImports(); // a builder forgot to re-index after adding imports
        }

        var types = module.Types;
        FunctionTypes = new FuncType[module.TotalFunctionCount];
        int f = 0;
        for (int i = 0; i < module.Imports.Count; i++)
        {
            var imp = module.Imports[i];
            if (imp.Kind != ExternalKind.Func) continue;
            if (imp.FuncTypeIndex >= (uint)types.Count)
                throw new WasmValidationException($"unknown type {imp.FuncTypeIndex}", $"import {i}");
            FunctionTypes[f++] = types[(int)imp.FuncTypeIndex];
        }
        for (int i = 0; i < module.Functions.Count; i++)
        {
            uint t = module.Functions[i];
            if (t >= (uint)types.Count)
                throw new WasmValidationException($"unknown type {t}", $"func {f}");
            FunctionTypes[f++] = types[(int)t];
        }

        Globals = new GlobalType[module.TotalGlobalCount];
        for (uint i = 0; i < Globals.Length; i++) Globals[i] = module.GlobalAt(i);
        Tables = new TableType[module.TotalTableCount];
        for (uint i = 0; i < Tables.Length; i++) Tables[i] = module.TableAt(i);
        MemoryCount = module.TotalMemoryCount;
        ElementTypes = new ValType[module.Elements.Count];
        for (int i = 0; i < ElementTypes.Length; i++) ElementTypes[i] = module.Elements[i].ElementType;
        DataSegmentCount = module.Data.Count;
        TagTypes = BuildTagTypes(module);
        _declaredRefs = ScanDeclaredReferences(module, FunctionTypes.Length);
    }

    public WasmModule Module { get; }

    /// <summary>Signature of every function, imports first.</summary>
    public FuncType[] FunctionTypes { get; }
    public GlobalType[] Globals { get; }
    public TableType[] Tables { get; }
    public int MemoryCount { get; }

    /// <summary>Reference type of each element segment.</summary>
    public ValType[] ElementTypes { get; }
    public int DataSegmentCount { get; }

    /// <summary>Type of every tag, imports first (exception handling).</summary>
    public FuncType[] TagTypes { get; }

    /// <summary>Whether the binary had a data count section, which memory.init and data.drop require.</summary>
    public bool HasDataCount => Module.DataCount.HasValue;

    /// <summary>C.refs: functions that <c>ref.func</c> in a function body may name.</summary>
    public bool IsDeclaredReference(uint funcIndex) => funcIndex < (uint)_declaredRefs.Length && _declaredRefs[funcIndex];

    /// <summary>Builds the context; fails with "unknown type" when a function names a type that does not exist.</summary>
    public static ValidationContext Create(WasmModule module) => new(module);

    // C.refs is every function index occurring in the module outside function bodies and the start
    // section: ref.func in global initializers and element segments, element function lists, exports.
    private static bool[] ScanDeclaredReferences(WasmModule module, int functionCount)
    {
        var refs = new bool[functionCount];
        foreach (var g in module.Globals) ScanConstExpr(g.Init, refs);
        foreach (var e in module.Elements)
        {
            if (e.Offset is { } off) ScanConstExpr(off, refs);
            if (e.FunctionIndices is { } indices)
            {
                foreach (uint x in indices) if (x < (uint)refs.Length) refs[x] = true;
            }
            else if (e.Expressions is { } exprs)
            {
                foreach (var expr in exprs) ScanConstExpr(expr, refs);
            }
        }
        foreach (var d in module.Data) if (d.Offset is { } off) ScanConstExpr(off, refs);
        foreach (var x in module.Exports)
        {
            if (x.Kind == ExternalKind.Func && x.Index < (uint)refs.Length) refs[x.Index] = true;
        }
        return refs;
    }

    private static void ScanConstExpr(ConstExpr expr, bool[] refs)
    {
        var r = new InstructionReader(expr.Code.Span, expr.Offset);
        while (!r.AtEnd)
        {
            var ins = r.Read();
            if (ins.Opcode == Opcode.RefFunc && ins.Index < (uint)refs.Length) refs[ins.Index] = true;
        }
    }
}
