using Kiln.Component.Model;
using Kiln.Component.Text.Parsing;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Component.Text;

/// <summary>
/// Parses the component text format into the <see cref="WasmComponent"/> model, desugared as wasm-tools
/// does (so a parsed component encodes to the bytes <c>jco parse</c> gives). Errors are
/// <see cref="WatParseException"/>s with line and column, worded as wasm-tools words them where the
/// reference tests check the text.
/// </summary>
public static class ComponentTextParser
{
    /// <summary>Parses one <c>(component …)</c> form, or bare component fields (a component without the wrapper).</summary>
    public static WasmComponent Parse(string text)
    {
        var tokens = WatLexer.Tokenize(text);
        int pos = 0;
        WasmComponent c;
        if (tokens[0].Kind == TokenKind.LParen && tokens.Length > 1 && tokens[1].IsKeyword("component"))
            c = ParseComponent(tokens, ref pos);
        else
            c = ParseComponentBody(tokens, ref pos, null);
        if (tokens[pos].Kind != TokenKind.Eof) throw new WatParseException($"unexpected token {tokens[pos]}", tokens[pos].Line, tokens[pos].Column);
        return c;
    }

    /// <summary>Parses <c>(component $id? field*)</c> starting at its opening parenthesis; <paramref name="position"/> moves just past it.</summary>
    public static WasmComponent ParseComponent(Token[] tokens, ref int position) => ComponentParser.ParseComponentForm(tokens, ref position);

    /// <summary>Parses <c>field*</c> from <paramref name="position"/> up to (not past) a closing parenthesis or the end;
    /// <paramref name="id"/> (with its <c>$</c>) names the component.</summary>
    public static WasmComponent ParseComponentBody(Token[] tokens, ref int position, string? id) =>
        ComponentParser.ParseComponentBody(tokens, ref position, id);
}
