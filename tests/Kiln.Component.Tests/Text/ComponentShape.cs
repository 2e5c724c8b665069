using System.Collections;
using System.Reflection;
using Kiln.Component.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Tests.Text;

/// <summary>
/// A structural comparison of two components that knows nothing of how either was made: every public
/// property of every item, recursively, lists element by element; byte offsets are ignored, nested core
/// modules compare with Kiln.Wasm's <see cref="ModuleComparer"/>, and the <c>component-name</c> custom section a
/// decoder keeps in <see cref="WasmComponent.Sections"/> is left out (its contents compare through <see cref="WasmComponent.Names"/>).
/// </summary>
internal static class ComponentShape
{
    public static string? FirstDifference(WasmComponent expected, WasmComponent actual) => Component(expected, actual, "component");

    private static string? Component(WasmComponent a, WasmComponent b, string path)
    {
        var sa = Sections(a);
        var sb = Sections(b);
        for (int i = 0; i < Math.Min(sa.Count, sb.Count); i++)
            if (Section(sa[i], sb[i], $"{path}.section[{i}]") is { } d) return d;
        if (sa.Count != sb.Count) return $"{path}: {sa.Count} sections ({Kinds(sa)}) vs {sb.Count} ({Kinds(sb)})";
        return Value(a.Names, b.Names, $"{path}.names");
    }

    private static string Kinds(List<ComponentSection> s) => string.Join(",", s.Select(x => x.Id));

    private static List<ComponentSection> Sections(WasmComponent c) =>
        c.Sections.Where(s => s is not CustomComponentSection { Custom.Name: "component-name" }).ToList();

    private static string? Section(ComponentSection a, ComponentSection b, string path)
    {
        if (a.Id != b.Id) return $"{path}: {a.Id} vs {b.Id}";
        switch (a, b)
        {
            case (CoreModuleSection x, CoreModuleSection y):
                return ModuleComparer.FirstDifference(x.Module, y.Module) is { } d ? $"{path} (core module): {d}" : null;
            case (NestedComponentSection x, NestedComponentSection y):
                return Component(x.Component, y.Component, $"{path} (component)");
            case (IItemSection x, IItemSection y):
                return Sequence(x.UntypedItems, y.UntypedItems, path);
            case (StartSection x, StartSection y):
                return Value(x.Start, y.Start, path);
            case (CustomComponentSection x, CustomComponentSection y):
                return x.Custom.Name == y.Custom.Name && x.Custom.Content.Span.SequenceEqual(y.Custom.Content.Span) ? null : $"{path}: custom sections differ";
            default:
                return $"{path}: unexpected {a.GetType().Name}";
        }
    }

    private static string? Sequence(IEnumerable a, IEnumerable b, string path)
    {
        var la = a.Cast<object?>().ToList();
        var lb = b.Cast<object?>().ToList();
        for (int i = 0; i < Math.Min(la.Count, lb.Count); i++)
            if (Value(la[i], lb[i], $"{path}[{i}]") is { } d) return d;
        return la.Count == lb.Count ? null : $"{path}: {la.Count} items vs {lb.Count}";
    }

    private static string? Value(object? a, object? b, string path)
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        // Lists compare by contents whatever collection holds them.
        if (a is IEnumerable ea && b is IEnumerable eb && a is not string) return Sequence(ea, eb, path);
        if (a.GetType() != b.GetType()) return $"{path}: {a.GetType().Name} vs {b.GetType().Name}";
        var t = a.GetType();
        if (a is string || t.IsPrimitive || t.IsEnum || a is FuncType || a is ValType) return Equals(a, b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
        if (a is ReadOnlyMemory<byte> ma) return ma.Span.SequenceEqual(((ReadOnlyMemory<byte>)b).Span) ? null : $"{path}: bytes differ";
        if (a is WasmComponent ca) return Component(ca, (WasmComponent)b, path);
        if (a is System.Runtime.CompilerServices.ITuple ta)
        {
            var tb = (System.Runtime.CompilerServices.ITuple)b;
            for (int i = 0; i < ta.Length; i++)
                if (Value(ta[i], tb[i], $"{path}.{i}") is { } d) return d;
            return null;
        }
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name is "Offset" or "EqualityContract" || p.GetIndexParameters().Length > 0) continue;
            if (Value(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}") is { } d) return $"{d} (in {t.Name})";
        }
        return null;
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => o.ToString() ?? "?",
    };
}
