using Kiln.Component.Model;

namespace Kiln.Component.Text.Parsing;

/// <summary>The index spaces identifiers live in, one per sort (wasm-tools' <c>Ns</c>).</summary>
internal enum Namespace : byte
{
    CoreFunc,
    CoreTable,
    CoreMemory,
    CoreGlobal,
    CoreTag,
    CoreType,
    CoreModule,
    CoreInstance,
    Func,
    Value,
    Type,
    Component,
    Instance,
}

internal static class Namespaces
{
    public const int Count = (int)Namespace.Instance + 1;

    /// <summary>The sort of each namespace, and its description in error messages (wasm-tools' words).</summary>
    private static readonly (Sort Sort, string Description)[] Rows =
    [
        (Sort.OfCore(CoreSort.Func), "core func"),
        (Sort.OfCore(CoreSort.Table), "core table"),
        (Sort.OfCore(CoreSort.Memory), "core memory"),
        (Sort.OfCore(CoreSort.Global), "core global"),
        (Sort.OfCore(CoreSort.Tag), "core tag"),
        (Sort.OfCore(CoreSort.Type), "core type"),
        (Sort.OfCore(CoreSort.Module), "core module"),
        (Sort.OfCore(CoreSort.Instance), "core instance"),
        (Sort.Func, "func"),
        (Sort.Value, "value"),
        (Sort.Type, "type"),
        (Sort.Component, "component"),
        (Sort.Instance, "instance"),
    ];

    public static Sort ToSort(this Namespace ns) => Rows[(int)ns].Sort;

    public static string Describe(this Namespace ns) => Rows[(int)ns].Description;

    public static Namespace Of(Sort sort)
    {
        for (int i = 0; i < Rows.Length; i++)
            if (Rows[i].Sort == sort) return (Namespace)i;
        throw new ArgumentOutOfRangeException(nameof(sort));
    }

    /// <summary>Only these namespaces may be reached by an outer alias (Explainer: "outer aliases of modules, types and components").</summary>
    public static bool IsOuterAliasable(this Namespace ns) =>
        ns is Namespace.CoreModule or Namespace.CoreType or Namespace.Type or Namespace.Component;

    /// <summary>The order wasm-tools writes the <c>component-name</c> subsections in.</summary>
    public static readonly Namespace[] NameSectionOrder =
    [
        Namespace.CoreFunc, Namespace.CoreTable, Namespace.CoreMemory, Namespace.CoreGlobal, Namespace.CoreTag,
        Namespace.CoreType, Namespace.CoreModule, Namespace.CoreInstance, Namespace.Func, Namespace.Value,
        Namespace.Type, Namespace.Component, Namespace.Instance,
    ];
}
