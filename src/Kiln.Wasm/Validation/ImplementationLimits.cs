namespace Kiln.Wasm.Validation;

/// <summary>
/// The implementation limits Kiln enforces at validation, the values the engines agreed on and Wasmtime (wasmparser's
/// <c>limits.rs</c>) and the JS API spec ("Limits") document. They bound the work a module can ask of the compiler:
/// with them and a compiler linear in its input, compile time and memory are bounded by the module's size.
/// One row per <see cref="ImplementationLimit"/>, in its order.
/// </summary>
public static class ImplementationLimits
{
    private static readonly (ImplementationLimit Limit, long Maximum, string What)[] Rows =
    [
        (ImplementationLimit.Types, 1_000_000, "types"),
        (ImplementationLimit.Functions, 1_000_000, "functions"),
        (ImplementationLimit.Imports, 1_000_000, "imports"),
        (ImplementationLimit.Exports, 1_000_000, "exports"),
        (ImplementationLimit.Globals, 1_000_000, "globals"),
        (ImplementationLimit.ElementSegments, 100_000, "element segments"),
        (ImplementationLimit.DataSegments, 100_000, "data segments"),
        (ImplementationLimit.Tables, 100, "tables"),
        (ImplementationLimit.Memories, 100, "memories"),
        (ImplementationLimit.FunctionParams, 1_000, "parameters of a function type"),
        (ImplementationLimit.FunctionResults, 1_000, "results of a function type"),
        (ImplementationLimit.FunctionBodySize, 7_654_321, "bytes in a function body"),
        (ImplementationLimit.FunctionLocals, 50_000, "locals of a function"),
    ];

    /// <summary>The largest value <paramref name="limit"/> allows.</summary>
    public static long Maximum(ImplementationLimit limit) => Rows[(int)limit].Maximum;

    /// <summary>What is counted, in words ("data segments").</summary>
    public static string Describe(ImplementationLimit limit) => Rows[(int)limit].What;

    /// <summary>Throws <see cref="ImplementationLimitException"/> when <paramref name="value"/> exceeds <paramref name="limit"/>.</summary>
    public static void Check(ImplementationLimit limit, long value, string? location = null)
    {
        if (value > Rows[(int)limit].Maximum)
            throw new ImplementationLimitException(limit, value, location);
    }
}
