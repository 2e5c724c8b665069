using Kiln.Component.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Parsing;

namespace Kiln.Component.Text.Parsing;

/// <summary>
/// One scope of identifiers: a component, a component or instance type, or a core module type. Each keeps
/// a counter and an id table per namespace; definitions register after they are complete, so a definition
/// never sees itself or anything later (as in wasm-tools, which resolves in one pass in order).
/// Subclasses say where the definitions the parser synthesizes (inline types, aliases) go.
/// </summary>
internal abstract class ComponentScope(string? id)
{
    private readonly uint[] _counts = new uint[Namespaces.Count];
    private readonly Dictionary<string, uint>?[] _ids = new Dictionary<string, uint>?[Namespaces.Count];

    /// <summary>The scope's own <c>$id</c> (with the <c>$</c>), which <c>alias outer $id …</c> names.</summary>
    public string? Id { get; } = id;

    public uint CountOf(Namespace ns) => _counts[(int)ns];

    /// <summary>Adds an entry to <paramref name="ns"/>, binding <paramref name="id"/> when given; returns its index.</summary>
    public uint Register(Namespace ns, Token? id)
    {
        uint index = _counts[(int)ns]++;
        if (id is { } t)
        {
            var table = _ids[(int)ns] ??= new Dictionary<string, uint>(StringComparer.Ordinal);
            if (!table.TryAdd(t.Text, index)) throw TokenCursor.Error(t, $"duplicate {ns.Describe()} identifier");
        }
        OnRegistered(ns, index, id?.Text);
        return index;
    }

    public bool TryGet(Namespace ns, string id, out uint index)
    {
        index = 0;
        return _ids[(int)ns] is { } table && table.TryGetValue(id, out index);
    }

    /// <summary>Called for every registration (components record names for the name section).</summary>
    protected virtual void OnRegistered(Namespace ns, uint index, string? id) { }

    /// <summary>Whether this scope can hold a type definition the parser synthesizes (inline types).</summary>
    public abstract void AddType(TypeDefinition type, Token at);

    public abstract void AddCoreType(CoreTypeDefinition type, Token at);

    public abstract void AddAlias(Alias alias, Token at);

    protected static WatParseException NotHere(Token at, string what) => TokenCursor.Error(at, $"{what} is not allowed here");
}
