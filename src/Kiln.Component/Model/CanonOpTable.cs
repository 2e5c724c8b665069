namespace Kiln.Component.Model;

using static CanonImmediate;

/// <summary>The table of canonical definitions (Binary.md "Canonical Definitions"), indexed by leading byte.</summary>
public static class CanonOpTable
{
    private static readonly CanonOpInfo?[] ByCode = Build();
    private static readonly Dictionary<string, CanonOpInfo> ByName = BuildNames();

    private static CanonOpInfo?[] Build()
    {
        var t = new CanonOpInfo?[256];
        void Row(CanonOp op, string name, params CanonImmediate[] imm) => t[(byte)op] = new CanonOpInfo(op, name, imm);
        Row(CanonOp.Lift, "lift", CoreFunc, Options, Type);
        Row(CanonOp.Lower, "lower", Func, Options);
        Row(CanonOp.ResourceNew, "resource.new", Type);
        Row(CanonOp.ResourceDrop, "resource.drop", Type);
        Row(CanonOp.ResourceRep, "resource.rep", Type);
        Row(CanonOp.BackpressureInc, "backpressure.inc");
        Row(CanonOp.BackpressureDec, "backpressure.dec");
        Row(CanonOp.TaskReturn, "task.return", ResultList, Options);
        Row(CanonOp.TaskCancel, "task.cancel");
        Row(CanonOp.ContextGet, "context.get", CoreValType, Slot);
        Row(CanonOp.ContextSet, "context.set", CoreValType, Slot);
        Row(CanonOp.SubtaskCancel, "subtask.cancel", Async);
        Row(CanonOp.SubtaskDrop, "subtask.drop");
        Row(CanonOp.StreamNew, "stream.new", Type);
        Row(CanonOp.StreamRead, "stream.read", Type, Options);
        Row(CanonOp.StreamWrite, "stream.write", Type, Options);
        Row(CanonOp.StreamCancelRead, "stream.cancel-read", Type, Async);
        Row(CanonOp.StreamCancelWrite, "stream.cancel-write", Type, Async);
        Row(CanonOp.StreamDropReadable, "stream.drop-readable", Type);
        Row(CanonOp.StreamDropWritable, "stream.drop-writable", Type);
        Row(CanonOp.FutureNew, "future.new", Type);
        Row(CanonOp.FutureRead, "future.read", Type, Options);
        Row(CanonOp.FutureWrite, "future.write", Type, Options);
        Row(CanonOp.FutureCancelRead, "future.cancel-read", Type, Async);
        Row(CanonOp.FutureCancelWrite, "future.cancel-write", Type, Async);
        Row(CanonOp.FutureDropReadable, "future.drop-readable", Type);
        Row(CanonOp.FutureDropWritable, "future.drop-writable", Type);
        Row(CanonOp.ErrorContextNew, "error-context.new", Options);
        Row(CanonOp.ErrorContextDebugMessage, "error-context.debug-message", Options);
        Row(CanonOp.ErrorContextDrop, "error-context.drop");
        Row(CanonOp.WaitableSetNew, "waitable-set.new");
        Row(CanonOp.WaitableSetWait, "waitable-set.wait", Cancellable, CoreMemory);
        Row(CanonOp.WaitableSetPoll, "waitable-set.poll", Cancellable, CoreMemory);
        Row(CanonOp.WaitableSetDrop, "waitable-set.drop");
        Row(CanonOp.WaitableJoin, "waitable.join");
        Row(CanonOp.ThreadIndex, "thread.index");
        Row(CanonOp.ThreadNewIndirect, "thread.new-indirect", CoreType, CoreTable);
        Row(CanonOp.ThreadResumeLater, "thread.resume-later");
        Row(CanonOp.ThreadSuspend, "thread.suspend", Cancellable);
        Row(CanonOp.ThreadYield, "thread.yield", Cancellable);
        Row(CanonOp.ThreadSuspendThenResume, "thread.suspend-then-resume", Cancellable);
        Row(CanonOp.ThreadYieldThenResume, "thread.yield-then-resume", Cancellable);
        Row(CanonOp.ThreadSuspendThenPromote, "thread.suspend-then-promote", Cancellable);
        Row(CanonOp.ThreadYieldThenPromote, "thread.yield-then-promote", Cancellable);
        Row(CanonOp.ThreadSpawnRef, "thread.spawn-ref", Shared, CoreType);
        Row(CanonOp.ThreadSpawnIndirect, "thread.spawn-indirect", Shared, CoreType, CoreTable);
        Row(CanonOp.ThreadAvailableParallelism, "thread.available-parallelism", Shared);
        return t;
    }

    private static Dictionary<string, CanonOpInfo> BuildNames()
    {
        var d = new Dictionary<string, CanonOpInfo>(StringComparer.Ordinal);
        foreach (var row in ByCode)
            if (row is not null) d[row.Name] = row;
        return d;
    }

    /// <summary>The row for a leading byte, or null when the byte names no canonical definition.</summary>
    public static CanonOpInfo? Lookup(byte code) => ByCode[code];

    public static CanonOpInfo Get(CanonOp op) => ByCode[(byte)op] ?? throw new ArgumentOutOfRangeException(nameof(op));

    /// <summary>The row for a text name (<c>lift</c>, <c>stream.read</c>, …), or null.</summary>
    public static CanonOpInfo? Lookup(string name) => ByName.GetValueOrDefault(name);

    public static IEnumerable<CanonOpInfo> All
    {
        get { foreach (var row in ByCode) if (row is not null) yield return row; }
    }
}
