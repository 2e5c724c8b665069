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

    /// <summary>Parses the fields of a module whose opening keywords were read by another parser (a component's
    /// <c>(core module $id? field*)</c>): from <paramref name="position"/> up to, not past, the closing parenthesis.
    /// <paramref name="moduleId"/> (with its <c>$</c>) becomes the module's name.</summary>
    public static WasmModule ParseModuleBody(Token[] tokens, ref int position, string? moduleId) =>
        ModuleParser.ParseModuleBody(tokens, ref position, moduleId);

    /// <summary>Parses <c>(func (param …)* (result …)*)</c> at <paramref name="position"/>.</summary>
    public static FuncType ParseFuncType(Token[] tokens, ref int position) =>
        WithTypes(tokens, ref position, static p => p.ParseFuncTypeForm());

    /// <summary>Parses a value type keyword (<c>i32</c>, <c>funcref</c>, …).</summary>
    public static ValType ParseValType(Token[] tokens, ref int position) =>
        WithTypes(tokens, ref position, static p => p.ParseValType());

    /// <summary>Parses a table type (<c>min max? reftype</c>).</summary>
    public static TableType ParseTableType(Token[] tokens, ref int position) =>
        WithTypes(tokens, ref position, static p => p.ParseTableTypeText());

    /// <summary>Parses a memory type (<c>min max?</c>).</summary>
    public static MemoryType ParseMemoryType(Token[] tokens, ref int position) =>
        WithTypes(tokens, ref position, static p => p.ParseMemoryTypeText());

    /// <summary>Parses a global type (<c>t</c> or <c>(mut t)</c>).</summary>
    public static GlobalType ParseGlobalType(Token[] tokens, ref int position) =>
        WithTypes(tokens, ref position, static p => p.ParseGlobalTypeText());

    private static T WithTypes<T>(Token[] tokens, ref int position, Func<ModuleParser, T> parse)
    {
        var p = ModuleParser.ForTypes(tokens, position);
        var result = parse(p);
        position = p.Position;
        return result;
    }
}
