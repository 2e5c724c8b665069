using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// The spec's import matching (external type subtyping, Wasm 2.0): functions need equal types; tables equal
/// element types and memories/tables matching limits (the provided current size at least the import's minimum;
/// if the import has a maximum, the provided one has one no larger); globals equal mutability and value type.
/// </summary>
public static class ImportMatcher
{
    /// <summary>Throws <see cref="LinkException"/> (incompatible import type) unless <paramref name="item"/> can
    /// satisfy <paramref name="import"/> of <paramref name="module"/>.</summary>
    public static void Check(Module module, Import import, Extern item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(item);
        string? problem = Mismatch(module, import, item);
        if (problem is not null)
            throw new LinkException(LinkErrorKind.IncompatibleImportType, import.ModuleName, import.Name, problem);
    }

    /// <summary>Whether <paramref name="item"/> can satisfy <paramref name="import"/>.</summary>
    public static bool Matches(Module module, Import import, Extern item) => Mismatch(module, import, item) is null;

    private static string? Mismatch(Module module, Import import, Extern item)
    {
        string expected = Describe(module, import);
        string found = item.TypeDescription;
        bool ok = (import.Kind, item) switch
        {
            (ExternalKind.Func, Func f) => f.Type.Equals(module.Source.Types[(int)import.FuncTypeIndex]),
            (ExternalKind.Table, Table t) => t.ElementType == import.Table.ElementType && LimitsMatch(t.CurrentType.Limits, import.Table.Limits),
            (ExternalKind.Memory, Memory m) => m.CurrentType.Shared == import.Memory.Shared && LimitsMatch(m.CurrentType.Limits, import.Memory.Limits),
            (ExternalKind.Global, Global g) => g.Type == import.Global,
            (ExternalKind.Tag, Tag x) => x.Type.Equals(module.Source.Types[(int)import.FuncTypeIndex]),
            _ => false,
        };
        return ok ? null : $"expected {expected}, found {found}";
    }

    /// <summary>Limits subtyping: <paramref name="provided"/> ⊑ <paramref name="required"/>.</summary>
    public static bool LimitsMatch(Limits provided, Limits required)
    {
        if (provided.Min < required.Min)
            return false;
        if (required.Max is not { } max)
            return true;
        return provided.Max is { } pmax && pmax <= max;
    }

    private static string Describe(Module module, Import import) => import.Kind switch
    {
        ExternalKind.Func => $"func {module.Source.Types[(int)import.FuncTypeIndex]}",
        ExternalKind.Table => $"table {import.Table.Limits} {import.Table.ElementType.ToText()}",
        ExternalKind.Memory => $"memory {import.Memory}",
        ExternalKind.Tag => $"tag {module.Source.Types[(int)import.FuncTypeIndex]}",
        _ => $"global {(import.Global.Mutable ? "(mut " + import.Global.ValueType.ToText() + ")" : import.Global.ValueType.ToText())}",
    };
}
