using Kiln.Component.Model;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Validation.Build;

namespace Kiln.Component.Tests.Validation;

/// <summary>The async and thread built-ins: their immediates and options are validated (not yet executed).</summary>
public class BuiltinTests
{
    [Fact]
    public void TaskReturnTakesNoReallocAndIsSync()
    {
        WasmComponent With(params CanonOption[] o) => Comp(
            Libc(), CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Memory, 0, "mem"), Alias.CoreExport(CoreSort.Func, 0, "realloc")),
            Canons(new CanonicalFunction(CanonOp.TaskReturn) { Result = Str, Options = o }));
        Valid(With(new CanonOption(CanonOptionKind.Memory, 0)));
        Assert.Contains("canonical option `memory` is required", Invalid(With()));
        Assert.Contains("cannot specify `realloc` option on `task.return`",
            Invalid(With(new CanonOption(CanonOptionKind.Memory, 0), new CanonOption(CanonOptionKind.Realloc, 0))));
        Assert.Contains("cannot specify `async` option on `task.return`", Invalid(With(new CanonOption(CanonOptionKind.Async))));
    }

    [Fact]
    public void ContextSlotsAreI32AndAtMostOne()
    {
        Valid(Comp(Canons(new CanonicalFunction(CanonOp.ContextGet) { CoreValType = ValType.I32, Slot = 1 })));
        Assert.Contains("immediate must be zero or one: 2", Invalid(Comp(Canons(new CanonicalFunction(CanonOp.ContextGet) { CoreValType = ValType.I32, Slot = 2 }))));
        Assert.Contains("`context.set` only supports `i32` or `i64`", Invalid(Comp(Canons(new CanonicalFunction(CanonOp.ContextSet) { CoreValType = ValType.F32 }))));
    }

    [Fact]
    public void CallbackNeedsAsyncAndTheRightSignature()
    {
        WasmComponent With(string cb, params CanonOption[] o) => Comp(
            Module($"(module (func (export \"f\") (result i32) i32.const 0) (func (export \"cb\") {cb} i32.const 0))"),
            CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Func, 0, "f"), Alias.CoreExport(CoreSort.Func, 0, "cb")),
            Types(new ComponentFuncType([], null, Async: true)),
            Canons(CanonicalFunction.Lift(0, 0, o)));
        var async = new CanonOption(CanonOptionKind.Async);
        Valid(With("(param i32 i32 i32) (result i32)", async, new CanonOption(CanonOptionKind.Callback, 1)));
        Assert.Contains("cannot specify callback without async", Invalid(With("(param i32 i32 i32) (result i32)", new CanonOption(CanonOptionKind.Callback, 1))));
        Assert.Contains("canonical option `callback` uses a core function with an incorrect signature",
            Invalid(With("(param i64) (result i32)", async, new CanonOption(CanonOptionKind.Callback, 1))));
    }

    [Fact]
    public void AsyncLoweringsPassAtMostFourFlatParameters()
    {
        // (func async (param ...5 u32)) lowered async: one pointer parameter, i32 result.
        var ps = Enumerable.Range(0, 5).Select(i => ($"p{i}", U32)).ToArray();
        var c = Comp(
            Types(new ComponentFuncType([.. ps.Select(p => new LabeledType(p.Item1, p.Item2))], null, Async: true)),
            Imports(Import("f", FuncT(0))),
            Canons(CanonicalFunction.Lower(0, [new(CanonOptionKind.Async)])));
        Assert.Contains("canonical option `memory` is required", Invalid(c));
    }

    [Fact]
    public void ThreadNewIndirectNeedsAStartTypeAndAFuncrefTable()
    {
        WasmComponent With(string table, FuncType start) => Comp(
            Module($"(module {table})"), CoreInstances(CoreInstantiate(0)),
            Aliases(Alias.CoreExport(CoreSort.Table, 0, "t")),
            CoreTypes(new CoreFuncTypeDefinition(start)),
            Canons(new CanonicalFunction(CanonOp.ThreadNewIndirect) { CoreTypeIndex = 0, TableIndex = 0 }));
        var ok = new FuncType([ValType.I32], []);
        Valid(With("(table (export \"t\") 1 funcref)", ok));
        Assert.Contains("start function must take a single `i32` argument", Invalid(With("(table (export \"t\") 1 funcref)", FuncType.Empty)));
        Assert.Contains("expected table element type funcref, found externref", Invalid(With("(table (export \"t\") 1 externref)", ok)));
    }

    [Fact]
    public void WaitableSetWaitNamesAMemory()
    {
        Assert.Contains("unknown memory 0: memory index out of bounds", Invalid(Comp(Canons(new CanonicalFunction(CanonOp.WaitableSetWait) { MemoryIndex = 0 }))));
        Assert.Contains("requires the shared-everything-threads proposal", Invalid(Comp(Canons(new CanonicalFunction(CanonOp.ThreadAvailableParallelism)))));
    }
}
