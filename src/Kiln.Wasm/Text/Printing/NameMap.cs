using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// The <c>$id</c>s the printer may use, from the name section: a name becomes an id only if it is a valid
/// WAT identifier and not already taken in its index space (duplicate ids would not parse back);
/// everything else is referred to by index.
/// </summary>
internal sealed class NameMap
{
    private static readonly string?[] None = [];

    private readonly NameSection? _names;
    private readonly Dictionary<uint, string> _funcIds = [];

    public NameMap(WasmModule module, bool useNames)
    {
        _names = useNames ? module.Names : null;
        if (_names is null) return;
        if (_names.ModuleName is { } mn && WatIds.IsValid(mn)) ModuleId = "$" + mn;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<uint>(_names.FunctionNames.Keys);
        keys.Sort(); // first index wins a contested name, independent of dictionary order
        foreach (uint i in keys)
        {
            string n = _names.FunctionNames[i];
            if (WatIds.IsValid(n) && taken.Add(n)) _funcIds[i] = "$" + n;
        }
    }

    public string? ModuleId { get; }

    public string? Func(uint index) => _funcIds.GetValueOrDefault(index);

    /// <summary>Ids of function <paramref name="funcIndex"/>'s locals (params first), null where unnamed.</summary>
    public string?[] Locals(uint funcIndex, long localCount)
    {
        if (_names is null || !_names.LocalNames.TryGetValue(funcIndex, out var map) || map.Count == 0) return None;
        var ids = new string?[Math.Min(localCount, int.MaxValue / 2)];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (uint i = 0; i < ids.Length; i++)
        {
            if (map.TryGetValue(i, out var n) && WatIds.IsValid(n) && taken.Add(n)) ids[i] = "$" + n;
        }
        return ids;
    }
}
