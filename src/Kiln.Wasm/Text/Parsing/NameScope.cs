using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

/// <summary>One index space's identifiers ($names → indices). Numeric references pass through
/// unchecked: an index out of range is the validator's "unknown …" error, not a syntax error.</summary>
internal sealed class NameScope(string kind)
{
    private readonly Dictionary<string, uint> _ids = new(StringComparer.Ordinal);

    public string Kind { get; } = kind;
    public uint Count { get; private set; }

    /// <summary>Appends an entry, binding <paramref name="id"/> to it when given.</summary>
    public uint Add(Token? id)
    {
        uint index = Count++;
        if (id is { } t && !_ids.TryAdd(t.Text, index)) throw TokenCursor.Error(t, $"duplicate {Kind} {t.Text}");
        return index;
    }

    public bool TryGet(string id, out uint index) => _ids.TryGetValue(id, out index);

    public uint Resolve(Token t)
    {
        if (t.Kind == TokenKind.Id)
        {
            if (_ids.TryGetValue(t.Text, out uint i)) return i;
            throw TokenCursor.Error(t, $"unknown {Kind} {t.Text}");
        }
        if (t.Kind == TokenKind.Number) return TokenCursor.ParseU32(t);
        throw TokenCursor.Error(t, t.Kind == TokenKind.Eof ? "unexpected end of input" : $"unexpected token {t}");
    }
}
