using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Parsing;

namespace Kiln.Wasm.Text;

/// <summary>Parses the WebAssembly text format (WAT) into the <see cref="Module"/> model; code is
/// encoded to binary instructions as it is read. Errors are <see cref="WatParseException"/>s.</summary>
public static class WatParser
{
    /// <summary>Parses a text module: one <c>(module …)</c> form, or bare module fields (the spec's
    /// abbreviation for a module without the wrapper).</summary>
    public static WasmModule ParseModule(string text)
    {
        var tokens = WatLexer.Tokenize(text);
        if (tokens[0].Kind == TokenKind.LParen && tokens.Length > 1 && tokens[1].IsKeyword("module"))
        {
            int pos = 0;
            var m = ParseModule(tokens, ref pos);
            if (tokens[pos].Kind != TokenKind.Eof) throw new WatParseException($"unexpected token {tokens[pos]}", tokens[pos].Line, tokens[pos].Column);
            return m;
        }
        return ModuleParser.ParseFieldsToEnd(tokens, 0);
    }

    /// <summary>Parses one <c>(module $id? field*)</c> form of a token stream (as scripts contain),
    /// starting at its opening parenthesis; <paramref name="position"/> moves just past the form.</summary>
    public static WasmModule ParseModule(Token[] tokens, ref int position) => ModuleParser.ParseModuleForm(tokens, ref position);
}
