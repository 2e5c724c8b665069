namespace Kiln.Component.Model;

/// <summary>Canonical definitions, numbered by their leading binary byte (Binary.md <c>canon</c>).
/// <see cref="CanonOpTable"/> gives each one's text name and immediates.</summary>
public enum CanonOp : byte
{
    Lift = 0x00,
    Lower = 0x01,
    ResourceNew = 0x02,
    ResourceDrop = 0x03,
    ResourceRep = 0x04,
    TaskCancel = 0x05,
    SubtaskCancel = 0x06,
    TaskReturn = 0x09,
    ContextGet = 0x0a,
    ContextSet = 0x0b,
    ThreadYield = 0x0c,
    SubtaskDrop = 0x0d,
    StreamNew = 0x0e,
    StreamRead = 0x0f,
    StreamWrite = 0x10,
    StreamCancelRead = 0x11,
    StreamCancelWrite = 0x12,
    StreamDropReadable = 0x13,
    StreamDropWritable = 0x14,
    FutureNew = 0x15,
    FutureRead = 0x16,
    FutureWrite = 0x17,
    FutureCancelRead = 0x18,
    FutureCancelWrite = 0x19,
    FutureDropReadable = 0x1a,
    FutureDropWritable = 0x1b,
    ErrorContextNew = 0x1c,
    ErrorContextDebugMessage = 0x1d,
    ErrorContextDrop = 0x1e,
    WaitableSetNew = 0x1f,
    WaitableSetWait = 0x20,
    WaitableSetPoll = 0x21,
    WaitableSetDrop = 0x22,
    WaitableJoin = 0x23,
    BackpressureInc = 0x24,
    BackpressureDec = 0x25,
    ThreadIndex = 0x26,
    ThreadNewIndirect = 0x27,
    ThreadResumeLater = 0x28,
    ThreadSuspend = 0x29,
    ThreadSuspendThenResume = 0x2a,
    ThreadYieldThenResume = 0x2b,
    ThreadSuspendThenPromote = 0x2c,
    ThreadYieldThenPromote = 0x2d,
    ThreadSpawnRef = 0x40,
    ThreadSpawnIndirect = 0x41,
    ThreadAvailableParallelism = 0x42,
}

/// <summary>The immediates a canonical definition carries, in binary order.</summary>
public enum CanonImmediate : byte
{
    /// <summary>Lift's core function (after the <c>0x00</c> func-sort byte).</summary>
    CoreFunc,
    /// <summary>Lower's component function (after the <c>0x00</c> func-sort byte).</summary>
    Func,
    /// <summary>A component type index (lift's function type, a resource, a stream or future type).</summary>
    Type,
    /// <summary><c>vec(canonopt)</c>.</summary>
    Options,
    /// <summary><c>resultlist</c> of <c>task.return</c>.</summary>
    ResultList,
    /// <summary>A core value type (<c>context.get/set</c>).</summary>
    CoreValType,
    /// <summary>A plain u32 (the context slot).</summary>
    Slot,
    /// <summary><c>async?</c> byte.</summary>
    Async,
    /// <summary><c>cancel?</c> byte.</summary>
    Cancellable,
    /// <summary><c>sh?</c> byte.</summary>
    Shared,
    CoreMemory,
    CoreType,
    CoreTable,
}

/// <summary>One row per canonical definition: its op, text name and immediates. Decoding, encoding,
/// text parsing and printing are all driven by this table.</summary>
public sealed record CanonOpInfo(CanonOp Op, string Name, CanonImmediate[] Immediates);
