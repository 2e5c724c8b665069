using System.Text;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Walks a module's sections and prints each field in the flat text format. Fields come out in binary
/// section order, each kind in index order, so the text assembles back to the same index spaces.
/// Definitions carry their index as a <c>(;N;)</c> comment unless they have an <c>$id</c>.
/// </summary>
internal sealed class ModulePrinter
{
    private readonly WasmModule _m;
    private readonly WatPrinterOptions _o;
    private readonly TextLines _lines;
    private readonly NameMap _names;
    private readonly InstructionText _text;
    private readonly FlatCodePrinter _code;

    public ModulePrinter(WasmModule module, TextWriter output, WatPrinterOptions options)
    {
        _m = module;
        _o = options;
        _lines = new TextLines(output, options.Indent);
        _names = new NameMap(module, options.UseNames);
        _text = new InstructionText(module, _names, options);
        _code = new FlatCodePrinter(_lines, _text, options);
    }

    private StringBuilder Sb => _lines.Current;

    public void Print()
    {
        // Index lookups below rely on the per-kind import tables being current.
        _m.CountImports();
        _lines.NewLine(0);
        Sb.Append("(module");
        if (_names.ModuleId is { } mid) Sb.Append(' ').Append(mid);

        for (int i = 0; i < _m.Types.Count; i++)
        {
            _lines.NewLine(1);
            Sb.Append("(type (;").Append(i).Append(";) (func");
            InstructionText.AppendSignature(Sb, _m.Types[i]);
            Sb.Append("))");
        }
        PrintImports();
        PrintFunctions();
        for (int i = 0; i < _m.Tables.Count; i++)
        {
            _lines.NewLine(1);
            Sb.Append("(table (;").Append(_m.ImportedTableCount + i).Append(";) ");
            AppendTableType(_m.Tables[i]);
            Sb.Append(')');
        }
        for (int i = 0; i < _m.Memories.Count; i++)
        {
            _lines.NewLine(1);
            Sb.Append("(memory (;").Append(_m.ImportedMemoryCount + i).Append(";) ").Append(_m.Memories[i].ToString()).Append(')');
        }
        for (int i = 0; i < _m.Tags.Count; i++)
        {
            _lines.NewLine(1);
            Sb.Append("(tag (;").Append(_m.ImportedTagCount + i).Append(";) ");
            AppendTypeUse(_m.Tags[i]);
            Sb.Append(')');
        }
        for (int i = 0; i < _m.Globals.Count; i++)
        {
            var g = _m.Globals[i];
            _lines.NewLine(1);
            Sb.Append("(global (;").Append(_m.ImportedGlobalCount + i).Append(";) ");
            AppendGlobalType(g.Type);
            _code.AppendConstExpr(g.Init.Code.Span, g.Init.Offset, null);
            Sb.Append(')');
        }
        foreach (var e in _m.Exports) PrintExport(e);
        if (_m.Start is { } start)
        {
            _lines.NewLine(1);
            Sb.Append("(start ");
            _text.AppendFunc(Sb, start);
            Sb.Append(')');
        }
        for (int i = 0; i < _m.Elements.Count; i++) PrintElem(i, _m.Elements[i]);
        for (int i = 0; i < _m.Data.Count; i++) PrintData(i, _m.Data[i]);
        // The text format has no custom sections; note them so the reader knows they were there.
        foreach (var c in _m.CustomSections)
        {
            // A decoded name section already shows, as the $ids.
            if (c.Name == "name" && _m.Names is not null) continue;
            var name = new StringBuilder();
            WatStrings.Append(name, c.Name);
            _lines.CommentLine(1, $"custom section {name}, {c.Content.Length} bytes");
        }
        _lines.Close(0);
        _lines.Finish();
    }

    private void PrintImports()
    {
        int func = 0, table = 0, memory = 0, global = 0, tag = 0;
        foreach (var imp in _m.Imports)
        {
            _lines.NewLine(1);
            Sb.Append("(import ");
            WatStrings.Append(Sb, imp.ModuleName);
            Sb.Append(' ');
            WatStrings.Append(Sb, imp.Name);
            switch (imp.Kind)
            {
                case ExternalKind.Func:
                    Sb.Append(" (func ");
                    AppendDefinitionId(_names.Func((uint)func), func++);
                    AppendTypeUse(imp.FuncTypeIndex);
                    break;
                case ExternalKind.Table:
                    Sb.Append(" (table (;").Append(table++).Append(";) ");
                    AppendTableType(imp.Table);
                    break;
                case ExternalKind.Memory:
                    Sb.Append(" (memory (;").Append(memory++).Append(";) ").Append(imp.Memory.ToString());
                    break;
                case ExternalKind.Tag:
                    Sb.Append(" (tag (;").Append(tag++).Append(";) ");
                    AppendTypeUse(imp.FuncTypeIndex);
                    break;
                default:
                    Sb.Append(" (global (;").Append(global++).Append(";) ");
                    AppendGlobalType(imp.Global);
                    break;
            }
            Sb.Append("))");
        }
    }

    private void PrintFunctions()
    {
        for (int i = 0; i < _m.Functions.Count; i++)
        {
            uint index = (uint)(_m.ImportedFunctionCount + i);
            uint typeIndex = _m.Functions[i];
            FuncType? type = typeIndex < (uint)_m.Types.Count ? _m.Types[(int)typeIndex] : null;
            FunctionBody? body = i < _m.Codes.Count ? _m.Codes[i] : null;

            long localCount = type?.Params.Length ?? 0;
            if (body is not null) foreach (var g in body.Locals) localCount += g.Count;
            var ids = _names.Locals(index, localCount);
            _text.LocalIds = ids;

            _lines.NewLine(1);
            Sb.Append("(func ");
            AppendDefinitionId(_names.Func(index), index);
            Sb.Append("(type ").Append(typeIndex).Append(')');
            if (type is not null)
            {
                AppendNamedList(" (param", type.Params, ids, 0);
                InstructionText.AppendTypeList(Sb, " (result", type.Results);
            }
            if (body is not null)
            {
                PrintLocals(body, type?.Params.Length ?? 0, ids);
                _code.PrintBody(body.Code.Span, body.CodeOffset, 2);
            }
            _lines.Close(2);
            _text.LocalIds = [];
            _lines.Flush();
        }
    }

    private void PrintLocals(FunctionBody body, int first, string?[] ids)
    {
        if (body.Locals.Length == 0) return;
        int total = 0;
        foreach (var g in body.Locals) total += (int)Math.Min(g.Count, int.MaxValue - total);
        if (total == 0) return;
        var types = new ValType[total];
        int k = 0;
        foreach (var g in body.Locals)
        {
            for (uint j = 0; j < g.Count && k < total; j++) types[k++] = g.Type;
        }
        _lines.NewLine(2);
        int before = Sb.Length;
        AppendNamedList(" (local", types, ids, first);
        // AppendNamedList writes a separating space first; a line starts without one.
        if (Sb[before] == ' ') Sb.Remove(before, 1);
    }

    /// <summary>
    /// <c>(param i32 i32) (param $x i64)</c>: runs of unnamed entries share one group, a named entry
    /// gets its own, since an id names exactly one parameter or local.
    /// </summary>
    private void AppendNamedList(string open, ValType[] types, string?[] ids, int firstIndex)
    {
        bool inGroup = false;
        for (int i = 0; i < types.Length; i++)
        {
            string? id = firstIndex + i < ids.Length ? ids[firstIndex + i] : null;
            if (id is not null)
            {
                if (inGroup) Sb.Append(')');
                Sb.Append(open).Append(' ').Append(id).Append(' ').Append(types[i].ToText()).Append(')');
                inGroup = false;
                continue;
            }
            if (!inGroup) Sb.Append(open);
            Sb.Append(' ').Append(types[i].ToText());
            inGroup = true;
        }
        if (inGroup) Sb.Append(')');
    }

    private void PrintExport(Export e)
    {
        _lines.NewLine(1);
        Sb.Append("(export ");
        WatStrings.Append(Sb, e.Name);
        switch (e.Kind)
        {
            case ExternalKind.Func:
                Sb.Append(" (func ");
                _text.AppendFunc(Sb, e.Index);
                break;
            case ExternalKind.Table:
                Sb.Append(" (table ").Append(e.Index);
                break;
            case ExternalKind.Memory:
                Sb.Append(" (memory ").Append(e.Index);
                break;
            case ExternalKind.Tag:
                Sb.Append(" (tag ").Append(e.Index);
                break;
            default:
                Sb.Append(" (global ").Append(e.Index);
                break;
        }
        Sb.Append("))");
    }

    private void PrintElem(int index, ElementSegment seg)
    {
        _lines.NewLine(1);
        Sb.Append("(elem (;").Append(index).Append(";)");
        switch (seg.Mode)
        {
            case SegmentMode.Active:
                // Encodings 2 and 6 name the table explicitly; keep that even for table 0.
                if (seg.TableIndex != 0 || seg.Encoding is 2 or 6) Sb.Append(" (table ").Append(seg.TableIndex).Append(')');
                if (seg.Offset is { } off) _code.AppendConstExpr(off.Code.Span, off.Offset, "offset");
                break;
            case SegmentMode.Declarative:
                Sb.Append(" declare");
                break;
        }
        if (seg.FunctionIndices is { } funcs)
        {
            Sb.Append(" func");
            foreach (uint f in funcs)
            {
                Sb.Append(' ');
                _text.AppendFunc(Sb, f);
            }
        }
        else if (seg.Expressions is { } exprs)
        {
            Sb.Append(' ').Append(seg.ElementType.ToText());
            foreach (var e in exprs) _code.AppendConstExpr(e.Code.Span, e.Offset, "item");
        }
        Sb.Append(')');
    }

    private void PrintData(int index, DataSegment seg)
    {
        _lines.NewLine(1);
        Sb.Append("(data (;").Append(index).Append(";)");
        if (seg.Mode == SegmentMode.Active)
        {
            if (seg.MemoryIndex != 0) Sb.Append(" (memory ").Append(seg.MemoryIndex).Append(')');
            if (seg.Offset is { } off) _code.AppendConstExpr(off.Code.Span, off.Offset, "offset");
        }
        Sb.Append(' ');
        WatStrings.Append(Sb, seg.Data.Span);
        Sb.Append(')');
    }

    /// <summary><c>$id </c> or <c>(;N;) </c>: how a definition introduces itself.</summary>
    private void AppendDefinitionId(string? id, long index)
    {
        if (id is not null) Sb.Append(id).Append(' ');
        else Sb.Append("(;").Append(index).Append(";) ");
    }

    private void AppendTypeUse(uint typeIndex)
    {
        Sb.Append("(type ").Append(typeIndex).Append(')');
        if (typeIndex < (uint)_m.Types.Count) InstructionText.AppendSignature(Sb, _m.Types[(int)typeIndex]);
    }

    private void AppendTableType(TableType t) =>
        Sb.Append(t.Limits.ToString()).Append(' ').Append(t.ElementType.ToText());

    private void AppendGlobalType(GlobalType g)
    {
        if (g.Mutable) Sb.Append("(mut ").Append(g.ValueType.ToText()).Append(')');
        else Sb.Append(g.ValueType.ToText());
    }
}
