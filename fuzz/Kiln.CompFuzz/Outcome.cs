namespace Kiln.CompFuzz;

/// <summary>
/// What one engine did with a case: <see cref="Status"/> is <c>ok</c>, <c>trap:KIND</c> (kinds mapped by
/// <see cref="TrapKinds"/>: the engines word their messages differently), <c>refused:WHY</c> (the component was not
/// compiled or instantiated) or <c>error:TYPE</c> (an exception that is neither). For <c>ok</c>, the result's text
/// (<see cref="ValueText"/>) and the five hashes the component exports.
/// </summary>
public sealed record Outcome(string Status, string? Result, ulong CallerHash, ulong CalleeHash, ulong CallerAllocHash, ulong CalleeAllocHash,
    ulong HostAllocHash, string Detail)
{
    public static Outcome Failed(string status, string detail) => new(status, null, 0, 0, 0, 0, 0, detail);

    public override string ToString() => Status == "ok"
        ? $"ok {Result ?? "-"} caller-hash={CallerHash:x16} callee-hash={CalleeHash:x16} caller-ahash={CallerAllocHash:x16} callee-ahash={CalleeAllocHash:x16} host-ahash={HostAllocHash:x16}"
        : $"{Status} ({Detail})";
}
