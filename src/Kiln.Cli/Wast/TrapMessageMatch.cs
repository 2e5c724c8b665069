namespace Kiln.Cli.Wast;

/// <summary>
/// Whether a trap's message satisfies a script's expected text. The spec compares prefixes; the runtime's
/// messages may carry more than one accepted wording ("undefined element: out of bounds table access"), and
/// scripts sometimes add detail after the wording ("uninitialized element 2").
/// </summary>
internal static class TrapMessageMatch
{
    private const string WasmTrapPrefix = "wasm trap: ";

    public static bool Matches(string actual, string expected)
    {
        // Wasmtime prints a trap raised by wasm code (a fused adapter's checks are wasm) as "wasm trap: <message>".
        if (expected.StartsWith(WasmTrapPrefix, StringComparison.Ordinal) && !actual.StartsWith(WasmTrapPrefix, StringComparison.Ordinal))
            return Matches(actual, expected[WasmTrapPrefix.Length..]);
        if (actual.StartsWith(expected, StringComparison.Ordinal)) return true;
        foreach (var part in actual.Split(": "))
        {
            if (part.StartsWith(expected, StringComparison.Ordinal) || expected.StartsWith(part, StringComparison.Ordinal) && part.Length > 0)
                return true;
        }
        return false;
    }
}
