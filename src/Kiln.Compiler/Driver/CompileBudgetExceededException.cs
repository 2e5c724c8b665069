namespace Kiln.Compiler.Driver;

/// <summary>A compilation stopped because it used up its time or memory budget (the module may be fine; it is too
/// costly under the limits set).</summary>
public sealed class CompileBudgetExceededException : KilnException
{
    public CompileBudgetExceededException(CompileBudgetKind kind, long limit, long used)
        : base(kind == CompileBudgetKind.Time
            ? $"compilation exceeded its time budget of {limit} ms"
            : $"compilation exceeded its memory budget of {limit} bytes ({used} bytes allocated)")
    {
        Kind = kind;
        Limit = limit;
        Used = used;
    }

    /// <summary>Time or memory.</summary>
    public CompileBudgetKind Kind { get; }

    /// <summary>The budget: milliseconds for <see cref="CompileBudgetKind.Time"/>, bytes for <see cref="CompileBudgetKind.Memory"/>.</summary>
    public long Limit { get; }

    /// <summary>What was used when the compilation stopped (bytes; for time, the limit).</summary>
    public long Used { get; }
}
