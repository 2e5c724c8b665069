namespace Kiln.DiffFuzz;

/// <summary>
/// One nullary export of a prepared module: what it stands for (a call of an original export with chosen
/// arguments, a hang-limit reset, a global read or the memory hash) and which of its i32/i64 results carry
/// float bits (so NaNs are canonicalized before comparing).
/// </summary>
internal sealed record CallSpec(string Export, string Description, char[] ResultKinds);
