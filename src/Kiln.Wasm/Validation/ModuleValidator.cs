using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

/// <summary>
/// Validates a whole module against the WebAssembly 2.0 rules and the proposals of its <see cref="WasmFeatures"/>
/// (by default multi-memory and shared memory limits): imports, functions, tables, memories, globals, element
/// and data segments, start, exports, then every function body.
/// </summary>
public static class ModuleValidator
{
    /// <summary>
    /// Throws <see cref="WasmValidationException"/> at the first rule the module breaks (or
    /// <see cref="Binary.WasmDecodeException"/> for malformed code inside a body or constant expression).
    /// Returns the context, which a compiler can hand to its own <see cref="FunctionValidator"/>s.
    /// </summary>
    public static ValidationContext Validate(WasmModule module) => Validate(module, WasmFeatures.Default);

    /// <summary>Validates under the rules of <paramref name="features"/> (Wasm 2.0 plus the proposals named).</summary>
    public static ValidationContext Validate(WasmModule module, WasmFeatures features)
    {
        CheckImplementationLimits(module);
        var ctx = ValidationContext.Create(module); // checks function type indices

        for (int i = 0; i < module.Imports.Count; i++)
        {
            var imp = module.Imports[i];
            switch (imp.Kind)
            {
                case ExternalKind.Table: CheckTableType(imp.Table, $"import {i}"); break;
                case ExternalKind.Memory: CheckMemoryType(imp.Memory, features, $"import {i}"); break;
                case ExternalKind.Global: CheckValueType(imp.Global.ValueType, $"import {i}"); break;
            }
        }
        if (module.Codes.Count != module.Functions.Count)
            throw new WasmValidationException("function and code section have inconsistent lengths");
        for (int i = 0; i < module.Tables.Count; i++) CheckTableType(module.Tables[i], $"table {module.ImportedTableCount + i}");
        for (int i = 0; i < module.Memories.Count; i++) CheckMemoryType(module.Memories[i], features, $"memory {module.ImportedMemoryCount + i}");
        if (module.TotalMemoryCount > 1 && (features & WasmFeatures.MultiMemory) == 0) throw new WasmValidationException("multiple memories");

        for (int i = 0; i < module.Globals.Count; i++)
        {
            var g = module.Globals[i];
            string where = $"global {module.ImportedGlobalCount + i}";
            CheckValueType(g.Type.ValueType, where);
            ConstExprValidator.Validate(ctx, g.Init, g.Type.ValueType, where);
        }
        for (int i = 0; i < module.Elements.Count; i++) CheckElement(ctx, module.Elements[i], $"elem {i}");
        for (int i = 0; i < module.Data.Count; i++) CheckData(ctx, module.Data[i], $"data {i}");

        if (module.Start is { } start)
        {
            if (start >= (uint)ctx.FunctionTypes.Length) throw new WasmValidationException($"unknown function {start}", "start");
            var ft = ctx.FunctionTypes[start];
            if (ft.Params.Length != 0 || ft.Results.Length != 0)
                throw new WasmValidationException($"start function must have type [] -> [], function {start} has {ft}", "start");
        }

        CheckExports(ctx);

        var fv = new FunctionValidator(ctx);
        uint first = (uint)module.ImportedFunctionCount;
        for (int i = 0; i < module.Codes.Count; i++) fv.Validate(first + (uint)i);
        return ctx;
    }

    /// <summary>The counts and sizes of <see cref="ImplementationLimits"/>, before any per-item work (the locals limit
    /// is checked where the locals are read, with the spec's "too many locals").</summary>
    private static void CheckImplementationLimits(WasmModule module)
    {
        ImplementationLimits.Check(ImplementationLimit.Types, module.Types.Count);
        ImplementationLimits.Check(ImplementationLimit.Functions, (long)module.ImportedFunctionCount + module.Functions.Count);
        ImplementationLimits.Check(ImplementationLimit.Imports, module.Imports.Count);
        ImplementationLimits.Check(ImplementationLimit.Exports, module.Exports.Count);
        ImplementationLimits.Check(ImplementationLimit.Globals, (long)module.ImportedGlobalCount + module.Globals.Count);
        ImplementationLimits.Check(ImplementationLimit.ElementSegments, module.Elements.Count);
        ImplementationLimits.Check(ImplementationLimit.DataSegments, module.Data.Count);
        ImplementationLimits.Check(ImplementationLimit.Tables, (long)module.ImportedTableCount + module.Tables.Count);
        ImplementationLimits.Check(ImplementationLimit.Memories, module.TotalMemoryCount);
        for (int t = 0; t < module.Types.Count; t++)
        {
            ImplementationLimits.Check(ImplementationLimit.FunctionParams, module.Types[t].Params.Length, $"type {t}");
            ImplementationLimits.Check(ImplementationLimit.FunctionResults, module.Types[t].Results.Length, $"type {t}");
        }
        for (int i = 0; i < module.Codes.Count; i++)
            ImplementationLimits.Check(ImplementationLimit.FunctionBodySize, module.Codes[i].Code.Length, $"func {module.ImportedFunctionCount + i}");
    }

    private static void CheckExports(ValidationContext ctx)
    {
        var module = ctx.Module;
        var names = new HashSet<string>(module.Exports.Count, StringComparer.Ordinal);
        foreach (var x in module.Exports)
        {
            string where = $"export \"{x.Name}\"";
            if (!names.Add(x.Name)) throw new WasmValidationException("duplicate export name", where);
            var (count, what) = x.Kind switch
            {
                ExternalKind.Func => (ctx.FunctionTypes.Length, "function"),
                ExternalKind.Table => (ctx.Tables.Length, "table"),
                ExternalKind.Memory => (ctx.MemoryCount, "memory"),
                ExternalKind.Tag => (ctx.TagTypes.Length, "tag"),
                _ => (ctx.Globals.Length, "global"),
            };
            if (x.Index >= (uint)count) throw new WasmValidationException($"unknown {what} {x.Index}", where);
        }
    }

    private static void CheckElement(ValidationContext ctx, ElementSegment e, string where)
    {
        if (!e.ElementType.IsReference())
            throw new WasmValidationException($"malformed reference type {e.ElementType.ToText()}", where);
        if (e.Mode == SegmentMode.Active)
        {
            if (e.TableIndex >= (uint)ctx.Tables.Length) throw new WasmValidationException($"unknown table {e.TableIndex}", where);
            var tableType = ctx.Tables[e.TableIndex].ElementType;
            if (tableType != e.ElementType)
                throw new WasmValidationException($"type mismatch: {e.ElementType.ToText()} segment for {tableType.ToText()} table {e.TableIndex}", where);
            ConstExprValidator.Validate(ctx, e.Offset ?? throw new WasmValidationException("type mismatch: active segment without offset", where),
                ValType.I32, where);
        }
        if (e.FunctionIndices is { } indices)
        {
            if (e.ElementType != ValType.FuncRef)
                throw new WasmValidationException($"type mismatch: function indices in a {e.ElementType.ToText()} segment", where);
            foreach (uint f in indices)
            {
                if (f >= (uint)ctx.FunctionTypes.Length) throw new WasmValidationException($"unknown function {f}", where);
            }
        }
        else if (e.Expressions is { } exprs)
        {
            foreach (var expr in exprs) ConstExprValidator.Validate(ctx, expr, e.ElementType, where);
        }
        else
        {
            throw new WasmValidationException("element segment has neither function indices nor expressions", where);
        }
    }

    private static void CheckData(ValidationContext ctx, DataSegment d, string where)
    {
        if (d.Mode == SegmentMode.Declarative) throw new WasmValidationException("data segments cannot be declarative", where);
        if (d.Mode != SegmentMode.Active) return;
        if (d.MemoryIndex >= (uint)ctx.MemoryCount) throw new WasmValidationException($"unknown memory {d.MemoryIndex}", where);
        ConstExprValidator.Validate(ctx, d.Offset ?? throw new WasmValidationException("type mismatch: active segment without offset", where),
            ValType.I32, where);
    }

    private static void CheckMemoryType(MemoryType m, WasmFeatures features, string where)
    {
        CheckLimits(m.Limits, MemoryType.MaxPages32, "memory size must be at most 65536 pages (4GiB)", where);
        if (!m.Shared) return;
        if ((features & WasmFeatures.SharedMemory) == 0) throw new WasmValidationException("shared memories require the threads proposal", where);
        if (m.Limits.Max is null) throw new WasmValidationException("shared memory must have maximum", where);
    }

    private static void CheckTableType(TableType t, string where)
    {
        if (!t.ElementType.IsReference())
            throw new WasmValidationException($"malformed reference type {t.ElementType.ToText()}", where);
        CheckLimits(t.Limits, uint.MaxValue, "table size must be at most 2^32-1", where);
    }

    private static void CheckLimits(Limits l, ulong range, string tooLarge, string where)
    {
        if (l.Min > range) throw new WasmValidationException(tooLarge, where);
        if (l.Max is { } max)
        {
            if (max > range) throw new WasmValidationException(tooLarge, where);
            if (l.Min > max) throw new WasmValidationException("size minimum must not be greater than maximum", where);
        }
    }

    private static void CheckValueType(ValType t, string where)
    {
        if (!ValTypeExtensions.IsValid((byte)t)) throw new WasmValidationException($"malformed value type 0x{(byte)t:x2}", where);
    }
}
