namespace Kiln.Component.Wit.Parsing;

public enum WitTokenKind : byte
{
    End,
    /// <summary>An identifier; <see cref="WitToken.Text"/> is its name without the <c>%</c> of an explicit id.</summary>
    Id,
    /// <summary>A keyword (<c>interface</c>, <c>u32</c>, …): its text is the keyword.</summary>
    Keyword,
    Integer,
    String,
    /// <summary>One of <c>= , : ; ( ) { } &lt; &gt; * -&gt; / . @ _</c>: its text is the operator.</summary>
    Operator,
}

/// <summary>A token with where it starts, whether whitespace precedes it, and the doc comments just before it.</summary>
public readonly record struct WitToken(WitTokenKind Kind, string Text, WitLocation Location, int Start, int End, string? Docs)
{
    public bool Is(string op) => Kind is WitTokenKind.Operator or WitTokenKind.Keyword && Text == op;

    /// <summary>How the token is named in an error: <c>`;`</c>, <c>an identifier</c>, <c>end of input</c>.</summary>
    public string Describe() => Kind switch
    {
        WitTokenKind.End => "eof",
        WitTokenKind.Id => $"an identifier `{Text}`",
        WitTokenKind.Integer => "an integer",
        WitTokenKind.String => "a string",
        WitTokenKind.Keyword => $"keyword `{Text}`",
        _ => $"`{Text}`",
    };
}
