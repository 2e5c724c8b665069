using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Kiln.Component.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Binary;

/// <summary>
/// Structural equality of two components for round-trip checks (decode → encode → decode, text → binary →
/// decode). Compares what a component means, not where its bytes came from: item and section offsets are ignored,
/// nested core modules are compared with <see cref="ModuleComparer"/>, encoded bytes (values, custom sections) by
/// content. Two deliberate leniencies, as the binary format allows:
/// <list type="bullet">
/// <item>an <see cref="ExternName"/>'s form byte (0x00 and 0x01 are the same plain name);</item>
/// <item><c>component-name</c> custom sections are skipped, their meaning compared through <see cref="WasmComponent.Names"/>
/// (a component built from text gains one when encoded).</item>
/// </list>
/// Items are walked by their public properties, so a model type added later is compared without changes here.
/// </summary>
public static class ComponentComparer
{
    public static bool AreEqual(WasmComponent a, WasmComponent b) => FirstDifference(a, b) is null;

    /// <summary>A short description of the first difference found (with a path to it), or null when equal.</summary>
    public static string? FirstDifference(WasmComponent a, WasmComponent b) => ComponentDiff("component", a, b);

    private static string? ComponentDiff(string path, WasmComponent a, WasmComponent b)
    {
        var sa = ComparedSections(a);
        var sb = ComparedSections(b);
        if (sa.Count != sb.Count) return $"{path}: section count differs: {sa.Count} vs {sb.Count}";
        for (int i = 0; i < sa.Count; i++)
        {
            string p = $"{path}/section[{i}]";
            if (sa[i].GetType() != sb[i].GetType()) return $"{p}: {sa[i].Id} vs {sb[i].Id}";
            var d = sa[i] switch
            {
                CustomComponentSection x => Value(p, x.Custom.Name, ((CustomComponentSection)sb[i]).Custom.Name)
                    ?? Value(p + "/content", x.Custom.Content, ((CustomComponentSection)sb[i]).Custom.Content),
                CoreModuleSection x => ModuleComparer.FirstDifference(x.Module, ((CoreModuleSection)sb[i]).Module) is { } m ? $"{p}: core module: {m}" : null,
                NestedComponentSection x => ComponentDiff(p, x.Component, ((NestedComponentSection)sb[i]).Component),
                StartSection x => Value(p, x.Start, ((StartSection)sb[i]).Start),
                IItemSection x => Value(p, x.UntypedItems, ((IItemSection)sb[i]).UntypedItems),
                _ => $"{p}: no comparison for {sa[i].GetType().Name}",
            };
            if (d is not null) return d;
        }
        return NamesDiff(path + "/names", a.Names, b.Names);
    }

    private static List<ComponentSection> ComparedSections(WasmComponent c) =>
        c.Sections.Where(s => s is not CustomComponentSection { Custom.Name: ComponentNameSection.SectionName }).ToList();

    private static string? NamesDiff(string path, ComponentNames? a, ComponentNames? b)
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {(a is null ? "absent" : "present")} vs {(b is null ? "absent" : "present")}";
        if (a.ComponentName != b.ComponentName) return $"{path}: component name '{a.ComponentName}' vs '{b.ComponentName}'";
        if (a.SortNames.Count != b.SortNames.Count) return $"{path}: {a.SortNames.Count} vs {b.SortNames.Count} name maps";
        for (int i = 0; i < a.SortNames.Count; i++)
        {
            var (s1, m1) = a.SortNames[i];
            var (s2, m2) = b.SortNames[i];
            if (s1 != s2) return $"{path}[{i}]: sort {s1} vs {s2}";
            if (!m1.SequenceEqual(m2)) return $"{path}[{i}] ({s1}): names differ";
        }
        return null;
    }

    private static string? Value(string path, object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        var t = a.GetType();
        // A list is its items, whichever collection holds them (the decoder fills arrays, the text parser lists).
        bool sameKind = t == b.GetType() || (a is IEnumerable && b is IEnumerable && a is not string && b is not string);
        if (!sameKind) return $"{path}: {t.Name} vs {b.GetType().Name}";
        switch (a)
        {
            case string or Enum or bool or byte or int or uint or long or ulong or FuncType:
                return a.Equals(b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
            case ReadOnlyMemory<byte> ma:
                return ma.Span.SequenceEqual(((ReadOnlyMemory<byte>)b).Span) ? null : $"{path}: bytes differ";
            case WasmComponent ca:
                return ComponentDiff(path, ca, (WasmComponent)b);
            case IEnumerable ea:
            {
                var la = ea.Cast<object?>().ToList();
                var lb = ((IEnumerable)b).Cast<object?>().ToList();
                if (la.Count != lb.Count) return $"{path}: {la.Count} vs {lb.Count} items";
                for (int i = 0; i < la.Count; i++)
                    if (Value($"{path}[{i}]", la[i], lb[i]) is { } d) return d;
                return null;
            }
        }
        foreach (var p in Properties(t))
            if (Value($"{path}.{p.Name}", p.GetValue(a), p.GetValue(b)) is { } d) return d;
        return null;
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => o.ToString() ?? o.GetType().Name,
    };

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    /// <summary>The properties that carry meaning: public, readable, not indexers, not offsets, not a name's form byte.</summary>
    private static PropertyInfo[] Properties(Type t) => PropertyCache.GetOrAdd(t, static type =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != nameof(ComponentItem.Offset)
                && !(type == typeof(ExternName) && p.Name == nameof(ExternName.Form)))
            .ToArray());
}
