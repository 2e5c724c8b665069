namespace Kiln.IR.Text;

/// <summary>One token with its 1-based position.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Line, int Column);
