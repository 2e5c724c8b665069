namespace Kiln.IR.Text;

/// <summary>Lexical classes of IR text.</summary>
public enum TokenKind : byte
{
    End,
    Ident,

    /// <summary>A decimal or hex integer or decimal float, possibly signed.</summary>
    Number,

    /// <summary><c>%name</c>; the text excludes the percent sign.</summary>
    Name,
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Comma,
    Colon,
    Equals,
    Dot,
    Arrow,
    Minus,
}
