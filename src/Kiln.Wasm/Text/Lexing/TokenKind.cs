namespace Kiln.Wasm.Text.Lexing;

/// <summary>Lexical classes of the text format. Numbers, keywords and reserved words are all runs of
/// idchars; the lexer classifies them by their first character and the parser decides what they mean.</summary>
public enum TokenKind : byte
{
    LParen,
    RParen,
    /// <summary>Starts with a lowercase letter: instruction names, field names, <c>offset=</c>, <c>inf</c>, <c>nan</c>.</summary>
    Keyword,
    /// <summary><c>$name</c> (or <c>$"quoted"</c>); <see cref="Token.Text"/> keeps the <c>$</c>.</summary>
    Id,
    /// <summary>A string literal; <see cref="Token.Bytes"/> holds its decoded bytes.</summary>
    String,
    /// <summary>Starts with a digit or a sign: an integer or float literal (validated when used).</summary>
    Number,
    /// <summary>Any other run of idchars: never valid in a module.</summary>
    Reserved,
    Eof,
}
