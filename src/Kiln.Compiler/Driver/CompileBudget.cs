namespace Kiln.Compiler.Driver;

/// <summary>
/// The time and memory a compilation may use, and the caller's cancellation, checked at checkpoints: between the
/// phases of each function and every <see cref="TranslatorCheckpointInterval"/> wasm instructions inside its
/// translation. Every later phase is linear in the function's IR, so the work between two checkpoints is bounded
/// and a compilation over budget stops soon after crossing it, instead of exhausting the host.
/// <para>Memory is the managed bytes the compiling threads allocate (<see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// deltas, summed over threads): an upper bound of what the compilation holds at any time, and deterministic for one
/// input, unlike the process's working set, which other work in the process moves.</para>
/// <para>One budget per compilation; thread-safe. Each thread keeps its own allocation mark (thread-static, so the
/// driver and the translator, checking on one thread, never count the same bytes twice); a thread's first checkpoint
/// for a budget only sets its mark.</para>
/// </summary>
public sealed class CompileBudget : IDisposable
{
    /// <summary>Wasm instructions the translator handles between two checkpoints.</summary>
    public const int TranslatorCheckpointInterval = 4096;

    private readonly CancellationTokenSource _cts;
    private readonly CancellationToken _caller;
    private readonly long _maxMemory;
    private readonly long _timeoutMs;
    private long _allocated;
    private volatile CompileBudgetExceededException? _exceeded;

    private static long s_lastId;
    private readonly long _id = Interlocked.Increment(ref s_lastId);
    [ThreadStatic] private static long t_markOwner; // the _id of the budget t_mark belongs to
    [ThreadStatic] private static long t_mark;

    /// <param name="caller">The caller's token: cancelling it stops the compilation with <see cref="OperationCanceledException"/>.</param>
    /// <param name="timeout">Wall time allowed, or null.</param>
    /// <param name="maxMemory">Managed bytes the compilation may allocate, or 0 for no limit.</param>
    public CompileBudget(CancellationToken caller, TimeSpan? timeout, long maxMemory)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMemory);
        if (timeout is { } t) ArgumentOutOfRangeException.ThrowIfLessThan(t, TimeSpan.Zero);
        _caller = caller;
        _maxMemory = maxMemory;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
        if (timeout is { } limit)
        {
            _timeoutMs = (long)limit.TotalMilliseconds;
            if (limit == TimeSpan.Zero) _cts.Cancel(); // CancelAfter(0) only schedules it
            else _cts.CancelAfter(limit);
        }
    }

    /// <summary>Cancelled when the caller cancels, the time is up, or a thread found the memory budget spent.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Managed bytes counted so far.</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>
    /// Counts this thread's allocations since its previous checkpoint, then throws if the compilation must stop:
    /// <see cref="OperationCanceledException"/> when the caller cancelled, else <see cref="CompileBudgetExceededException"/>
    /// when time or memory ran out.
    /// </summary>
    public void Checkpoint()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        long total;
        if (t_markOwner != _id)
        {
            t_markOwner = _id;
            total = Allocated;
        }
        else
        {
            total = Interlocked.Add(ref _allocated, now - t_mark);
        }
        t_mark = now;
        if (_maxMemory > 0 && total > _maxMemory && _exceeded is null)
        {
            _exceeded = new CompileBudgetExceededException(CompileBudgetKind.Memory, _maxMemory, total);
            _cts.Cancel();
        }
        if (_cts.IsCancellationRequested) throw Stopped();
    }

    /// <summary>The exception that says why the compilation stopped (call once <see cref="Token"/> is cancelled).</summary>
    public Exception Stopped()
    {
        _caller.ThrowIfCancellationRequested();
        return _exceeded ?? new CompileBudgetExceededException(CompileBudgetKind.Time, _timeoutMs, Allocated);
    }

    public void Dispose() => _cts.Dispose();
}
