using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Wast;

/// <summary>
/// A directive about a component, kept unparsed: Kiln.Wasm knows nothing of components, so the script parser
/// only captures the form — <c>(component …)</c> in any of its kinds, an assertion whose module is a
/// <c>(component …)</c>, and an action or <c>register</c> aimed at a component instance — and a component front
/// end (Kiln.Component's <c>ComponentWastParser</c>) parses it from <see cref="Tokens"/>. The form is
/// <c>Tokens[Start..End]</c>, from its opening to just past its closing parenthesis.
/// </summary>
public sealed class WastComponentCommand : WastCommand
{
    /// <summary>The directive's keyword: <c>component</c>, <c>assert_invalid</c>, <c>assert_return</c>, <c>invoke</c>, <c>register</c>, …</summary>
    public required string Keyword { get; init; }

    /// <summary>The whole script's tokens (shared, not copied).</summary>
    public required Token[] Tokens { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }

    /// <summary>The directive's source text as written.</summary>
    public required string SourceText { get; init; }
}
