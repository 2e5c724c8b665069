namespace Kiln.Compiler.Component.Adapters;

/// <summary>Runtime builtins an adapter module may import.</summary>
public enum AdapterBuiltin
{
    /// <summary><c>(i32 code) -> ()</c>: raises the component trap <see cref="AdapterTrap"/> <c>code</c>, so the
    /// trap carries the component model's own code and message instead of <c>unreachable</c>.</summary>
    Trap,

    /// <summary><c>(caller's flat params) -> (callee's flat params)</c>: translates the parameters of a
    /// signature the adapter does not translate in wasm yet (handles, strings that change encoding) with the
    /// runtime's canonical ABI, and opens the call's borrow scope.</summary>
    TranslateParams,

    /// <summary><c>(callee's flat results, caller's return pointer?) -> (caller's flat results)</c>: the
    /// results of such a signature; closes the call's borrow scope first.</summary>
    TranslateResults,
}

/// <summary>Import names of <see cref="AdapterBuiltin"/>s (a table, not a switch ladder).</summary>
public static class AdapterBuiltins
{
    private static readonly string[] Names = ["trap", "translate-params", "translate-results"];

    public static string Name(AdapterBuiltin b) => Names[(int)b];
}
