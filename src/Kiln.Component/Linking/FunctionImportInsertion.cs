using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>
/// Adds a function import to a module after its existing function imports, renumbering every later function
/// (code, exports, start, element segments, names) by one: how an adapter that does not import the program's
/// <c>cabi_realloc</c> is given it for its stack.
/// </summary>
public static class FunctionImportInsertion
{
    public static uint Add(WasmModule m, string module, string name, FuncType type)
    {
        m.CountImports();
        uint at = (uint)m.ImportedFunctionCount;
        uint Shift(IndexSpace space, uint index) => space == IndexSpace.Func && index >= at ? index + 1 : index;
        int t = m.Types.IndexOf(type);
        if (t < 0) { t = m.Types.Count; m.Types.Add(type); }
        int lastFuncImport = m.Imports.FindLastIndex(i => i.Kind == ExternalKind.Func);
        m.Imports.Insert(lastFuncImport + 1, new Import(module, name, ExternalKind.Func) { FuncTypeIndex = (uint)t });
        for (int i = 0; i < m.Codes.Count; i++)
            m.Codes[i] = new FunctionBody { Locals = m.Codes[i].Locals, Code = CodeIndices.Rewrite(m.Codes[i].Code.Span, Shift) };
        for (int i = 0; i < m.Exports.Count; i++)
            if (m.Exports[i].Kind == ExternalKind.Func) m.Exports[i] = m.Exports[i] with { Index = Shift(IndexSpace.Func, m.Exports[i].Index) };
        if (m.Start is { } s) m.Start = Shift(IndexSpace.Func, s);
        for (int i = 0; i < m.Globals.Count; i++)
            m.Globals[i] = new Global(m.Globals[i].Type, new ConstExpr(CodeIndices.Rewrite(m.Globals[i].Init.Code.Span, Shift), 0));
        for (int i = 0; i < m.Elements.Count; i++)
        {
            var e = m.Elements[i];
            m.Elements[i] = new ElementSegment
            {
                Mode = e.Mode,
                TableIndex = e.TableIndex,
                Offset = e.Offset is { } o ? new ConstExpr(CodeIndices.Rewrite(o.Code.Span, Shift), 0) : null,
                ElementType = e.ElementType,
                FunctionIndices = e.FunctionIndices?.Select(f => Shift(IndexSpace.Func, f)).ToArray(),
                Expressions = e.Expressions?.Select(x => new ConstExpr(CodeIndices.Rewrite(x.Code.Span, Shift), 0)).ToArray(),
                Encoding = e.Encoding,
            };
        }
        if (m.Names is { } names)
        {
            var renamed = names.FunctionNames.ToDictionary(p => Shift(IndexSpace.Func, p.Key), p => p.Value);
            var locals = names.LocalNames.ToDictionary(p => Shift(IndexSpace.Func, p.Key), p => p.Value);
            names.FunctionNames.Clear();
            foreach (var (k, v) in renamed) names.FunctionNames[k] = v;
            names.LocalNames.Clear();
            foreach (var (k, v) in locals) names.LocalNames[k] = v;
            names.FunctionNames[at] = name;
        }
        m.CustomSections.RemoveAll(c => c.Name == Kiln.Wasm.Binary.NameSectionDecoder.SectionName);
        m.CountImports();
        return at;
    }
}
