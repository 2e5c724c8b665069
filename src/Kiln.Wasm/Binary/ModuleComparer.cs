using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>
/// Structural equality of two modules, for round-trip checks (decode → encode → decode, text → binary → decode).
/// Compares what a module means, not where its bytes came from: byte offsets are ignored, code and data by content.
/// Two deliberate leniencies:
/// <list type="bullet">
/// <item>an element segment's <see cref="ElementSegment.Encoding"/> only counts when both sides recorded one;</item>
/// <item>"name" custom sections are skipped, since their content is compared through <see cref="Module.Names"/>
/// (a module built from text gains one when encoded).</item>
/// </list>
/// </summary>
public static class ModuleComparer
{
    public static bool AreEqual(WasmModule a, WasmModule b) => FirstDifference(a, b) is null;

    /// <summary>A short description of the first difference found, or null when the modules are equal.</summary>
    public static string? FirstDifference(WasmModule a, WasmModule b)
    {
        return ListDiff("type", a.Types, b.Types, (x, y) => x.Equals(y))
            ?? ListDiff("import", a.Imports, b.Imports, (x, y) => x == y)
            ?? ListDiff("function", a.Functions, b.Functions, (x, y) => x == y)
            ?? ListDiff("table", a.Tables, b.Tables, (x, y) => x == y)
            ?? ListDiff("memory", a.Memories, b.Memories, (x, y) => x == y)
            ?? ListDiff("tag", a.Tags, b.Tags, (x, y) => x == y)
            ?? ListDiff("global", a.Globals, b.Globals, (x, y) => x.Type == y.Type && x.Init.Equals(y.Init))
            ?? ListDiff("export", a.Exports, b.Exports, (x, y) => x == y)
            ?? (a.Start == b.Start ? null : $"start differs: {a.Start} vs {b.Start}")
            ?? ListDiff("element segment", a.Elements, b.Elements, ElementEqual)
            ?? (a.DataCount == b.DataCount ? null : $"data count differs: {a.DataCount} vs {b.DataCount}")
            ?? ListDiff("code", a.Codes, b.Codes, CodeEqual)
            ?? ListDiff("data segment", a.Data, b.Data, DataEqual)
            ?? ListDiff("custom section", NonNameCustomSections(a), NonNameCustomSections(b), CustomEqual)
            ?? NamesDiff(a.Names, b.Names);
    }

    private static string? ListDiff<T>(string what, IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, T, bool> equal)
    {
        if (a.Count != b.Count) return $"{what} count differs: {a.Count} vs {b.Count}";
        for (int i = 0; i < a.Count; i++)
            if (!equal(a[i], b[i])) return $"{what} {i} differs: {a[i]} vs {b[i]}";
        return null;
    }

    private static bool ExprEqual(ConstExpr? x, ConstExpr? y) => x is null ? y is null : x.Equals(y);

    private static bool ElementEqual(ElementSegment x, ElementSegment y)
    {
        if (x.Mode != y.Mode || x.TableIndex != y.TableIndex || x.ElementType != y.ElementType || !ExprEqual(x.Offset, y.Offset))
            return false;
        if (x.Encoding >= 0 && y.Encoding >= 0 && x.Encoding != y.Encoding) return false;
        if (x.FunctionIndices is { } xi)
            return y.FunctionIndices is { } yi && xi.AsSpan().SequenceEqual(yi);
        if (y.Expressions is not { } ye || x.Expressions!.Length != ye.Length) return false;
        for (int i = 0; i < ye.Length; i++)
            if (!x.Expressions[i].Equals(ye[i])) return false;
        return true;
    }

    private static bool CodeEqual(FunctionBody x, FunctionBody y) =>
        x.Locals.AsSpan().SequenceEqual(y.Locals) && x.Code.Span.SequenceEqual(y.Code.Span);

    private static bool DataEqual(DataSegment x, DataSegment y) =>
        x.Mode == y.Mode && x.MemoryIndex == y.MemoryIndex && ExprEqual(x.Offset, y.Offset) && x.Data.Span.SequenceEqual(y.Data.Span);

    private static bool CustomEqual(CustomSection x, CustomSection y) =>
        x.Name == y.Name && x.After == y.After && x.Content.Span.SequenceEqual(y.Content.Span);

    private static List<CustomSection> NonNameCustomSections(WasmModule m)
    {
        var list = new List<CustomSection>(m.CustomSections.Count);
        foreach (var c in m.CustomSections)
            if (c.Name != NameSectionDecoder.SectionName) list.Add(c);
        return list;
    }

    private static string? NamesDiff(NameSection? a, NameSection? b)
    {
        if (a is null || b is null) return a is null && b is null ? null : "names present on one side only";
        if (a.ModuleName != b.ModuleName) return $"module name differs: {a.ModuleName} vs {b.ModuleName}";
        if (!MapEqual(a.FunctionNames, b.FunctionNames)) return "function names differ";
        if (a.LocalNames.Count != b.LocalNames.Count) return "local names differ";
        foreach (var (func, map) in a.LocalNames)
            if (!b.LocalNames.TryGetValue(func, out var other) || !MapEqual(map, other)) return $"local names of function {func} differ";
        return null;
    }

    private static bool MapEqual(Dictionary<uint, string> a, Dictionary<uint, string> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var (k, v) in a)
            if (!b.TryGetValue(k, out var w) || w != v) return false;
        return true;
    }
}
