using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Component.Validation;

// Canonical definitions: lift, lower, and the resource, task, waitable, stream, future,
// error-context and thread built-ins (all validated; executing the async ones is later work).
public sealed partial class ComponentValidator
{
    private static readonly ValType[] None = [];
    private static readonly ValType[] I32 = [ValType.I32];
    private static readonly ValType[] I32x2 = [ValType.I32, ValType.I32];
    private static readonly ValType[] I32x3 = [ValType.I32, ValType.I32, ValType.I32];
    private static readonly ValType[] I64 = [ValType.I64];

    /// <summary>The core signature of each built-in whose signature does not depend on its immediates.</summary>
    private static readonly Dictionary<CanonOp, FuncType> FixedSignatures = new()
    {
        [CanonOp.ResourceDrop] = new(I32, None),
        [CanonOp.BackpressureInc] = new(None, None),
        [CanonOp.BackpressureDec] = new(None, None),
        [CanonOp.TaskCancel] = new(None, None),
        [CanonOp.SubtaskDrop] = new(I32, None),
        [CanonOp.SubtaskCancel] = new(I32, I32),
        [CanonOp.StreamNew] = new(None, I64),
        [CanonOp.StreamCancelRead] = new(I32, I32),
        [CanonOp.StreamCancelWrite] = new(I32, I32),
        [CanonOp.StreamDropReadable] = new(I32, None),
        [CanonOp.StreamDropWritable] = new(I32, None),
        [CanonOp.FutureNew] = new(None, I64),
        [CanonOp.FutureCancelRead] = new(I32, I32),
        [CanonOp.FutureCancelWrite] = new(I32, I32),
        [CanonOp.FutureDropReadable] = new(I32, None),
        [CanonOp.FutureDropWritable] = new(I32, None),
        [CanonOp.ErrorContextDrop] = new(I32, None),
        [CanonOp.WaitableSetNew] = new(None, I32),
        [CanonOp.WaitableSetWait] = new(I32x2, I32),
        [CanonOp.WaitableSetPoll] = new(I32x2, I32),
        [CanonOp.WaitableSetDrop] = new(I32, None),
        [CanonOp.WaitableJoin] = new(I32x2, None),
        [CanonOp.ThreadIndex] = new(None, I32),
        [CanonOp.ThreadNewIndirect] = new(I32x2, I32),
        [CanonOp.ThreadResumeLater] = new(I32, None),
        [CanonOp.ThreadSuspend] = new(None, I32),
        [CanonOp.ThreadYield] = new(None, I32),
        [CanonOp.ThreadSuspendThenResume] = new(I32, I32),
        [CanonOp.ThreadYieldThenResume] = new(I32, I32),
        [CanonOp.ThreadSuspendThenPromote] = new(I32, I32),
        [CanonOp.ThreadYieldThenPromote] = new(I32, I32),
    };

    private void AddCanonical(CanonicalFunction c)
    {
        long offset = c.Offset;
        var s = Current;
        switch (c.Op)
        {
            case CanonOp.Lift:
                Lift(c, offset);
                return;
            case CanonOp.Lower:
            {
                var f = _types.Func(FunctionAt(c.FuncIndex, offset));
                var o = ParseOptions(c.Options, offset).CheckLower(offset);
                CheckAsyncness(o, f, offset);
                AddCoreFunc(Flattening.Signature(_types, f, o, lift: false, offset), offset);
                return;
            }
            case CanonOp.ResourceNew:
                LocalResource(c.TypeIndex, offset);
                AddCoreFunc(new FuncType(I32, I32), offset);
                return;
            case CanonOp.ResourceRep:
                LocalResource(c.TypeIndex, offset);
                AddCoreFunc(new FuncType(I32, I32), offset);
                return;
            case CanonOp.ResourceDrop:
                ResourceAt(c.TypeIndex, offset);
                break;
            case CanonOp.TaskReturn:
                TaskReturn(c, offset);
                return;
            case CanonOp.ContextGet or CanonOp.ContextSet:
            {
                string name = c.Info.Name;
                if (c.CoreValType == ValType.I64) throw Error($"64-bit `{name}` requires the component model 64-bit feature", offset);
                if (c.CoreValType != ValType.I32) throw Error($"`{name}` only supports `i32` or `i64`", offset);
                if (s.ContextType is { } prev && prev != c.CoreValType) throw Error($"`{name}` type must match previous context type", offset);
                s.ContextType = c.CoreValType;
                if (c.Slot > 1) throw Error($"`{name}` immediate must be zero or one: {c.Slot}", offset);
                AddCoreFunc(c.Op == CanonOp.ContextGet ? new FuncType(None, I32) : new FuncType(I32, None), offset);
                return;
            }
            case CanonOp.StreamNew or CanonOp.StreamCancelRead or CanonOp.StreamCancelWrite
                or CanonOp.StreamDropReadable or CanonOp.StreamDropWritable:
                Payload(c, DefinedKind.Stream, offset);
                break;
            case CanonOp.FutureNew or CanonOp.FutureCancelRead or CanonOp.FutureCancelWrite
                or CanonOp.FutureDropReadable or CanonOp.FutureDropWritable:
                Payload(c, DefinedKind.Future, offset);
                break;
            case CanonOp.StreamRead or CanonOp.StreamWrite or CanonOp.FutureRead or CanonOp.FutureWrite:
            {
                bool stream = c.Op is CanonOp.StreamRead or CanonOp.StreamWrite;
                bool read = c.Op is CanonOp.StreamRead or CanonOp.FutureRead;
                var elem = Payload(c, stream ? DefinedKind.Stream : DefinedKind.Future, offset);
                var o = ParseOptions(c.Options, offset).RequireMemoryIf(elem is not null, offset);
                if (read) o.RequireReallocIf(elem is { } e && _types.ContainsPointer(e), offset);
                // wasmparser does not apply the lowering checks to future.write.
                if (c.Op != CanonOp.FutureWrite) o.CheckLower(offset);
                AddCoreFunc(new FuncType(stream ? I32x3 : I32x2, I32), offset);
                return;
            }
            case CanonOp.ErrorContextNew:
                ParseOptions(c.Options, offset).RequireMemory(offset).RequireSync("error-context.new", offset).CheckLower(offset);
                AddCoreFunc(new FuncType(I32x2, I32), offset);
                return;
            case CanonOp.ErrorContextDebugMessage:
                ParseOptions(c.Options, offset).RequireMemory(offset).RequireRealloc(offset)
                    .RequireSync("error-context.debug-message", offset).CheckLower(offset);
                AddCoreFunc(new FuncType(I32x2, None), offset);
                return;
            case CanonOp.WaitableSetWait or CanonOp.WaitableSetPoll:
                MemoryAt(c.MemoryIndex, offset);
                break;
            case CanonOp.ThreadNewIndirect:
                ThreadStartType(c, offset);
                break;
            case CanonOp.ThreadSpawnRef or CanonOp.ThreadSpawnIndirect:
                throw Error($"`{c.Info.Name}` requires the shared-everything-threads proposal", offset);
            case CanonOp.ThreadAvailableParallelism:
                throw Error("`thread.available_parallelism` requires the shared-everything-threads proposal", offset);
        }
        AddCoreFunc(FixedSignatures[c.Op], offset);
    }

    private void AddCoreFunc(FuncType type, long offset)
    {
        var s = Current;
        CheckMax(s.CoreFuncs.Count + s.Funcs.Count, 1, MaxFunctions, "functions", offset);
        s.CoreFuncs.Add(type);
    }

    private void Lift(CanonicalFunction c, long offset)
    {
        var typeId = FuncTypeAt(c.TypeIndex, offset);
        var f = _types.Func(typeId);
        var core = CoreFunctionAt(c.FuncIndex, offset);
        var o = ParseOptions(c.Options, offset);
        if (o.PostReturn is { } pr)
        {
            var prt = CoreFunctionAt(pr, offset);
            if (!prt.Params.AsSpan().SequenceEqual(core.Results) || prt.Results.Length != 0)
                throw Error("canonical option `post-return` uses a core function with an incorrect signature", offset);
        }
        if (o.Callback is { } cb)
        {
            var cbt = CoreFunctionAt(cb, offset);
            if (cbt.Params is not ([ValType.I32, ValType.I32, ValType.I32] or [ValType.I32]))
                throw Error("canonical option `callback` uses a core function with an incorrect signature", offset);
        }
        CheckAsyncness(o, f, offset);
        var lowered = Flattening.Signature(_types, f, o, lift: true, offset);
        if (!lowered.Params.AsSpan().SequenceEqual(core.Params))
            throw Error($"lowered parameter types `{Flattening.Describe(lowered.Params)}` do not match parameter types `{Flattening.Describe(core.Params)}` of core function {c.FuncIndex}", offset);
        if (!lowered.Results.AsSpan().SequenceEqual(core.Results))
            throw Error($"lowered result types `{Flattening.Describe(lowered.Results)}` do not match result types `{Flattening.Describe(core.Results)}` of core function {c.FuncIndex}", offset);
        var s = Current;
        CheckMax(s.CoreFuncs.Count + s.Funcs.Count, 1, MaxFunctions, "functions", offset);
        s.Funcs.Add(typeId);
    }

    private static void CheckAsyncness(CanonOptions o, FuncTypeData f, long offset)
    {
        if (o.Async && !f.Async) throw Error("the `async` canonical option requires an async function type", offset);
    }

    private void TaskReturn(CanonicalFunction c, long offset)
    {
        ResolvedValType[] ps = c.Result is { } r ? [CreateValType(r, offset)] : [];
        var f = new FuncTypeData(false, ps.Length == 1 ? ["v"] : [], ps, null, TypeInfo.Leaf);
        var o = ParseOptions(c.Options, offset);
        if (o.Realloc is not null) throw Error("cannot specify `realloc` option on `task.return`", offset);
        if (o.PostReturn is not null) throw Error("cannot specify `post-return` option on `task.return`", offset);
        o.CheckLower(offset).RequireSync("task.return", offset);
        AddCoreFunc(Flattening.Signature(_types, f, o, lift: false, offset), offset);
    }

    /// <summary>A resource defined by this very component: only it may create handles or see representations.</summary>
    private void LocalResource(uint index, long offset)
    {
        var r = ResourceAt(index, offset);
        if (!Current.DefinedResources.TryGetValue(r.Index, out bool repKnown) || !repKnown)
            throw Error($"type {index} is not a local resource", offset);
    }

    /// <summary>The stream or future type a built-in names, and its payload.</summary>
    private ResolvedValType? Payload(CanonicalFunction c, DefinedKind kind, long offset)
    {
        var d = _types.Defined(DefinedTypeAt(c.TypeIndex, offset));
        if (d.Kind != kind) throw Error($"`{c.Info.Name}` requires a {(kind == DefinedKind.Stream ? "stream" : "future")} type", offset);
        return d.Types[0];
    }

    private void ThreadStartType(CanonicalFunction c, long offset)
    {
        var entry = CoreTypeAt(Current, c.CoreTypeIndex, offset);
        var ft = entry.Func ?? throw Error("expected a core function type", offset);
        if (ft.Params is not [ValType.I32]) throw Error("start function must take a single `i32` argument (currently)", offset);
        if (ft.Results.Length != 0) throw Error("start function must not return any values", offset);
        var table = TableAt(c.TableIndex, offset);
        if (table.ElementType != ValType.FuncRef)
            throw Error($"table is not a 32-bit table of (ref null (func))\nexpected table element type funcref, found {table.ElementType.ToText()}", offset);
    }

    private CanonOptions ParseOptions(IReadOnlyList<CanonOption> options, long offset)
    {
        StringEncoding? encoding = null;
        uint? memory = null, realloc = null, postReturn = null, callback = null;
        bool isAsync = false;
        foreach (var opt in options)
        {
            switch (opt.Kind)
            {
                case CanonOptionKind.Utf8 or CanonOptionKind.Utf16 or CanonOptionKind.Latin1Utf16:
                    var enc = opt.Kind switch
                    {
                        CanonOptionKind.Utf8 => StringEncoding.Utf8,
                        CanonOptionKind.Utf16 => StringEncoding.Utf16,
                        _ => StringEncoding.Latin1Utf16,
                    };
                    if (encoding is { } existing)
                        throw Error($"canonical encoding option `{EncodingName(existing)}` conflicts with option `{EncodingName(enc)}`", offset);
                    encoding = enc;
                    break;
                case CanonOptionKind.Memory:
                    if (memory is not null) throw Error("canonical option `memory` is specified more than once", offset);
                    MemoryAt(opt.Index, offset);
                    memory = opt.Index;
                    break;
                case CanonOptionKind.Realloc:
                    if (realloc is not null) throw Error("canonical option `realloc` is specified more than once", offset);
                    realloc = opt.Index;
                    break;
                case CanonOptionKind.PostReturn:
                    if (postReturn is not null) throw Error("canonical option `post-return` is specified more than once", offset);
                    postReturn = opt.Index;
                    break;
                case CanonOptionKind.Async:
                    if (isAsync) throw Error("canonical option `async` is specified more than once", offset);
                    isAsync = true;
                    break;
                case CanonOptionKind.Callback:
                    if (callback is not null) throw Error("canonical option `callback` is specified more than once", offset);
                    callback = opt.Index;
                    break;
                case CanonOptionKind.CoreType:
                    throw Error("canonical option `core type` requires the component model gc feature", offset);
                case CanonOptionKind.Gc:
                    throw Error("canonical option `gc` requires the `cm-gc` feature", offset);
                default:
                    throw Error($"invalid leading byte (0x{(byte)opt.Kind:x}) for canonical option", offset);
            }
        }
        if (!isAsync && callback is not null) throw Error("cannot specify callback without async", offset);
        if (isAsync && postReturn is not null) throw Error("cannot specify post-return function in async", offset);
        if (realloc is { } ri)
        {
            if (memory is null) throw Error("canonical option `realloc` requires `memory` to also be specified", offset);
            var rt = CoreFunctionAt(ri, offset);
            if (rt.Params is not [ValType.I32, ValType.I32, ValType.I32, ValType.I32] || rt.Results is not [ValType.I32])
                throw Error("canonical option `realloc` uses a core function with an incorrect signature", offset);
        }
        return new CanonOptions
        {
            Encoding = encoding ?? StringEncoding.Utf8,
            Memory = memory,
            Realloc = realloc,
            PostReturn = postReturn,
            Async = isAsync,
            Callback = callback,
        };
    }

    private static string EncodingName(StringEncoding e) => e switch
    {
        StringEncoding.Utf8 => "utf8",
        StringEncoding.Utf16 => "utf16",
        _ => "latin1-utf16",
    };
}
