namespace Kiln.Wasm.Instructions;

/// <summary>The four catch clauses of try_table; values are the binary encoding.</summary>
public enum CatchKind : byte
{
    /// <summary>catch x l: the tag's payload goes to label l.</summary>
    Catch = 0,
    /// <summary>catch_ref x l: the payload and the exnref.</summary>
    CatchRef = 1,
    /// <summary>catch_all l: nothing.</summary>
    CatchAll = 2,
    /// <summary>catch_all_ref l: the exnref.</summary>
    CatchAllRef = 3,
}

/// <summary>One catch clause of a try_table: which exceptions it takes (a tag, or all) and the label it branches to.</summary>
public readonly record struct CatchClause(CatchKind Kind, uint Tag, uint Label)
{
    public bool HasTag => Kind is CatchKind.Catch or CatchKind.CatchRef;
    public bool PassesRef => Kind is CatchKind.CatchRef or CatchKind.CatchAllRef;

    /// <summary>The text keyword: catch, catch_ref, catch_all, catch_all_ref.</summary>
    public static string Keyword(CatchKind kind) => kind switch
    {
        CatchKind.Catch => "catch",
        CatchKind.CatchRef => "catch_ref",
        CatchKind.CatchAll => "catch_all",
        _ => "catch_all_ref",
    };
}

/// <summary>The legacy exception-handling instructions (try, catch, rethrow, delegate, catch_all), which Kiln
/// refuses: Wasm 3.0 standardised try_table and exnref instead.</summary>
public static class LegacyExceptions
{
    public const string Refusal = "legacy exception handling (try/catch/rethrow/delegate) is not supported; use try_table";

    public static bool IsLegacyOpcode(int dense) => dense is 0x06 or 0x07 or 0x09 or 0x18 or 0x19;

    public static bool IsLegacyKeyword(string name) => name is "try" or "rethrow" or "delegate";
}
