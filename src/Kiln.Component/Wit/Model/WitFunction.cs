namespace Kiln.Component.Wit.Model;

public enum WitFunctionKind : byte { Freestanding, Method, Static, Constructor }

/// <summary>
/// A function of an interface or world. Resource functions are desugared as WIT.md says: a method's first
/// parameter is <c>self: borrow&lt;r&gt;</c>, a constructor returns <c>r</c> (or its declared <c>result</c>).
/// </summary>
public sealed class WitFunction(string name, WitFunctionKind kind, WitTypeDef? resource, bool async)
{
    /// <summary>The name as written (<c>read</c>); <see cref="ExternName"/> is the component name.</summary>
    public string Name { get; } = name;
    public WitFunctionKind Kind { get; } = kind;
    /// <summary>The resource of a method, static function or constructor.</summary>
    public WitTypeDef? Resource { get; } = resource;
    public bool Async { get; } = async;
    public List<WitField> Params { get; } = [];
    public WitType? Result { get; set; }
    public string? Docs { get; set; }
    public WitStability Stability { get; set; } = WitStability.Unknown;

    /// <summary>The import/export name: <c>f</c>, <c>[method]r.m</c>, <c>[static]r.s</c>, <c>[constructor]r</c>
    /// (an async function has the same name; its function type says async).</summary>
    public string ExternName => Kind switch
    {
        WitFunctionKind.Freestanding => Name,
        WitFunctionKind.Method => $"[method]{Resource!.Name}.{Name}",
        WitFunctionKind.Static => $"[static]{Resource!.Name}.{Name}",
        _ => $"[constructor]{Resource!.Name}",
    };

    /// <summary>Classifies a component function name: its kind, resource name (or null) and plain name.</summary>
    public static (WitFunctionKind Kind, string? Resource, string Name) ParseExternName(string name)
    {
        foreach (var (prefix, kind) in Prefixes)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = name[prefix.Length..];
            if (kind == WitFunctionKind.Constructor) return (kind, rest, rest);
            int dot = rest.IndexOf('.');
            return dot < 0 ? (WitFunctionKind.Freestanding, null, name) : (kind, rest[..dot], rest[(dot + 1)..]);
        }
        return (WitFunctionKind.Freestanding, null, name);
    }

    private static readonly (string, WitFunctionKind)[] Prefixes =
    [
        ("[constructor]", WitFunctionKind.Constructor),
        ("[method]", WitFunctionKind.Method),
        ("[static]", WitFunctionKind.Static),
    ];
}
