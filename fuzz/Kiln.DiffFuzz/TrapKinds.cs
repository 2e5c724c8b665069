using Kiln.Runtime;

namespace Kiln.DiffFuzz;

/// <summary>Each engine's trap, reduced to one kind name. V8 does not tell a null entry from a signature mismatch
/// in call_indirect, so both are "indirect".</summary>
internal static class TrapKinds
{
    public const string Stack = "stack";

    /// <summary>V8's one message for a float-to-int truncation of NaN ("conv") or out of range ("intovf").</summary>
    public const string Trunc = "trunc";

    /// <summary>Whether two kinds name the same trap, allowing for V8's coarser truncation message.</summary>
    public static bool Match(string a, string b) =>
        a == b || (a == Trunc && b is "conv" or "intovf") || (b == Trunc && a is "conv" or "intovf");

    public static string Of(TrapCode code) => code switch
    {
        TrapCode.StackOverflow => Stack,
        TrapCode.HeapOutOfBounds => "mem",
        TrapCode.TableOutOfBounds => "table",
        TrapCode.IndirectCallToNull or TrapCode.BadSignature or TrapCode.UninitializedElement => "indirect",
        TrapCode.IntegerOverflow => "intovf",
        TrapCode.IntegerDivisionByZero => "div0",
        TrapCode.BadConversionToInteger => "conv",
        TrapCode.Unreachable => "unreachable",
        TrapCode.NullReference => "null",
        TrapCode.HostError => "host",
        _ => "other:" + code,
    };

    private static readonly (string Text, string Kind)[] Messages =
    [
        ("call stack exhausted", Stack), ("maximum call stack size", Stack), ("stack overflow", Stack),
        ("memory access out of bounds", "mem"), ("out of bounds memory access", "mem"),
        ("table index is out of bounds", "table"), ("undefined table index", "table"), ("out of bounds table access", "table"),
        ("table access out of bounds", "table"), ("element segment out of bounds", "table"),
        ("null function or function signature mismatch", "indirect"), ("function signature mismatch", "indirect"),
        ("indirect call signature mismatch", "indirect"), ("uninitialized table element", "indirect"), ("uninitialized element", "indirect"),
        ("divide by zero", "div0"), ("remainder by zero", "div0"),
        ("divide result unrepresentable", "intovf"), ("integer overflow", "intovf"),
        ("float unrepresentable in integer range", Trunc), ("invalid conversion to integer", "conv"),
        ("unreachable", "unreachable"), ("null", "null"),
    ];

    /// <summary>The kind named by a V8 or wabt message, or "other:MESSAGE".</summary>
    public static string OfMessage(string message)
    {
        string m = message.ToLowerInvariant();
        foreach (var (text, kind) in Messages)
            if (m.Contains(text)) return kind;
        return "other:" + message.Replace(' ', '_');
    }
}
