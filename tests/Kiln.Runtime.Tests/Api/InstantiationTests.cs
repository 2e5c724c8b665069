using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

public sealed unsafe class InstantiationTests
{
    private readonly Engine engine = new();

    [Fact]
    public void FillsTheVmContextHeaderAndDefinitions()
    {
        using var store = new Store(engine);
        var module = Module.FromText(engine, """
            (module
              (type $t0 (func (param i32) (result i32)))
              (type $t1 (func))
              (import "host" "g" (global $g i32))
              (import "host" "f" (func $imp (type $t1)))
              (memory (export "mem") 1 2)
              (table (export "tab") 3 funcref)
              (global $d (export "d") (mut i64) (i64.const -7))
              (global $e i32 (global.get $g))
              (global $r funcref (ref.func $f))
              (func $f (type $t0) (local.get 0))
              (export "f" (func $f)))
            """);
        var layout = module.Layout;
        var hostGlobal = new Global(store, new GlobalType(ValType.I32, false), Value.I32(42));
        var hostFunc = Func.FromCallback(store, FuncType.Empty, (_, _, _) => { });
        var instance = Instance.Create(store, module, [hostGlobal, hostFunc]);
        nint vmctx = instance.VmContext;

        Assert.Equal(0, vmctx % 16);
        Assert.Equal(engine.BuiltinsTable, *(nint*)(vmctx + VmContextLayout.BuiltinsOffset));
        Assert.Equal(store.StoreContext, *(nint*)(vmctx + VmContextLayout.StoreContextOffset));
        var typeIds = *(uint**)(vmctx + VmContextLayout.TypeIdsOffset);
        Assert.Equal(module.TypeId(0), typeIds[0]);
        Assert.Equal(module.TypeId(1), typeIds[1]);
        Assert.Same(instance, Instance.FromVmctx(vmctx));

        Assert.Equal(instance.GetMemory("mem")!.DefinitionAddress, *(nint*)(vmctx + layout.MemoryOffset(0)));
        Assert.Equal(instance.GetTable("tab")!.DefinitionAddress, *(nint*)(vmctx + layout.TableOffset(0)));
        Assert.Equal(hostGlobal.SlotAddress, *(nint*)(vmctx + layout.GlobalOffset(0)));
        Assert.Equal(-7L, *(long*)(vmctx + layout.GlobalOffset(1)));
        Assert.Equal(42, *(int*)(vmctx + layout.GlobalOffset(2)));
        Assert.Equal(-7L, instance.GetGlobal("d")!.Get().AsI64());

        // The imported host function: a VMHostFuncContext whose dispatcher is the runtime's.
        nint import = vmctx + layout.ImportedFunctionOffset(0);
        nint hostContext = *(nint*)(import + VMImportedFunction.Vmctx);
        Assert.Equal(HostDispatcher.Address, *(nint*)(hostContext + VMHostFuncContext.Dispatcher));
        Assert.NotEqual(0, *(nint*)(hostContext + VMHostFuncContext.HostContext));
        nint importRef = vmctx + layout.FuncRefOffset(0);
        Assert.Equal(hostContext, *(nint*)(importRef + VMFuncRef.Vmctx));
        Assert.Equal(module.TypeId(1), *(uint*)(importRef + VMFuncRef.TypeId));

        // The defined function: this vmctx, its type id, its compiled code (FromText compiles).
        nint funcRef = vmctx + layout.FuncRefOffset(1);
        Assert.Equal(vmctx, *(nint*)(funcRef + VMFuncRef.Vmctx));
        Assert.Equal(module.TypeId(0), *(uint*)(funcRef + VMFuncRef.TypeId));
        Assert.Equal(module.Code!.FunctionCode(1), *(nint*)(funcRef + VMFuncRef.Code));
        Assert.NotEqual(0, *(nint*)(funcRef + VMFuncRef.Code));
        Assert.Equal(funcRef, *(nint*)(vmctx + layout.GlobalOffset(3))); // ref.func $f
        var f = instance.GetFunc("f")!;
        Assert.Equal(funcRef, f.FuncRefAddress);
        Assert.Same(f, instance.GetGlobal(3).Get().AsFuncRef());
        Assert.Same(hostFunc, instance.GetFunction(0));
        Assert.Equal(["mem", "tab", "d", "f"], instance.Exports.Select(e => e.Key));
    }

    [Fact]
    public void DataAndElementSegmentsAreWrittenAtTheirOffsets()
    {
        using var store = new Store(engine);
        var module = Module.FromText(engine, """
            (module
              (import "host" "base" (global $base i32))
              (memory (export "mem") 1)
              (table (export "tab") 10 funcref)
              (func $a) (func $b)
              (elem (i32.const 2) $a $b $a)
              (elem (global.get $base) func $b)
              (elem $passive func $a $b)
              (elem declare func $a)
              (data (i32.const 16) "hello")
              (data (global.get $base) "\01\02")
              (data $p "passive")
              (export "a" (func $a)) (export "b" (func $b)))
            """);
        var instance = Instance.Create(store, module, [new Global(store, new GlobalType(ValType.I32, false), Value.I32(7))]);
        var memory = instance.GetMemory("mem")!;
        Assert.Equal("hello"u8.ToArray(), memory.GetSpan(16, 5).ToArray());
        Assert.Equal(new byte[] { 1, 2 }, memory.GetSpan(7, 2).ToArray());
        Assert.Equal(0, memory.ReadByte(15));

        var table = instance.GetTable("tab")!;
        var a = instance.GetFunc("a");
        var b = instance.GetFunc("b");
        Assert.True(table.Get(0).IsNull);
        Assert.Same(a, table.Get(2).AsFuncRef());
        Assert.Same(b, table.Get(3).AsFuncRef());
        Assert.Same(a, table.Get(4).AsFuncRef());
        Assert.Same(b, table.Get(7).AsFuncRef());

        // Active and declarative segments are dropped; passive ones stay for table.init / memory.init.
        Assert.Empty(instance.ElementSegments[0]);
        Assert.Empty(instance.ElementSegments[1]);
        Assert.Equal(2, instance.ElementSegments[2].Length);
        Assert.Empty(instance.ElementSegments[3]);
        Assert.True(instance.DataSegments[0].IsEmpty);
        Assert.Equal("passive"u8.ToArray(), instance.DataSegments[2].ToArray());
    }

    [Fact]
    public void OutOfBoundsDataSegmentTrapsAfterEarlierSegmentsTookEffect()
    {
        using var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(new Limits(1, null)));
        var table = new Table(store, new TableType(ValType.FuncRef, new Limits(2, null)), Value.Null(ValType.FuncRef));
        var module = Module.FromText(engine, """
            (module
              (import "m" "mem" (memory 1))
              (import "m" "tab" (table 2 funcref))
              (func $f)
              (elem (i32.const 0) $f)
              (data (i32.const 0) "ok")
              (data (i32.const 65535) "xy"))
            """);
        var trap = Assert.Throws<Trap>(() => Instance.Create(store, module, [memory, table]));
        Assert.Equal(TrapCode.HeapOutOfBounds, trap.Code);
        Assert.Contains("out of bounds memory access", trap.Message);
        Assert.False(table.Get(0).IsNull); // the element segment ran first
        Assert.Equal((byte)'o', memory.ReadByte(0));
        Assert.Equal(0, memory.ReadByte(65535)); // the failing segment wrote nothing
    }

    [Fact]
    public void OutOfBoundsElementSegmentTrapsBeforeAnyDataSegment()
    {
        using var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(new Limits(1, null)));
        var module = Module.FromText(engine, """
            (module
              (import "m" "mem" (memory 1))
              (table 1 funcref)
              (func $f)
              (elem (i32.const 0) $f $f)
              (data (i32.const 0) "no"))
            """);
        var trap = Assert.Throws<Trap>(() => Instance.Create(store, module, [memory]));
        Assert.Equal(TrapCode.TableOutOfBounds, trap.Code);
        Assert.Contains("out of bounds table access", trap.Message);
        Assert.Equal(0, memory.ReadByte(0));
    }

    [Fact]
    public void EmptySegmentAtTheEndIsInBoundsButPastItIsNot()
    {
        using var store = new Store(engine);
        Instance.Create(store, Module.FromText(engine, "(module (memory 1) (data (i32.const 65536) \"\"))"), []);
        Instance.Create(store, Module.FromText(engine, "(module (table 1 funcref) (elem (i32.const 1)))"), []);
        Assert.Throws<Trap>(() => Instance.Create(store, Module.FromText(engine, "(module (memory 1) (data (i32.const 65537) \"\"))"), []));
        Assert.Throws<Trap>(() => Instance.Create(store, Module.FromText(engine, "(module (table 1 funcref) (elem (i32.const 2)))"), []));
    }

    [Fact]
    public void ExternrefElementsAndGlobalsFromImports()
    {
        using var store = new Store(engine);
        var host = new object();
        var module = Module.FromText(engine, """
            (module
              (import "h" "x" (global $x externref))
              (global (export "y") externref (global.get $x))
              (table (export "t") 2 externref)
              (elem (table 0) (i32.const 0) externref (global.get $x) (ref.null extern)))
            """);
        var instance = Instance.Create(store, module, [new Global(store, new GlobalType(ValType.ExternRef, false), Value.ExternRef(host))]);
        Assert.Same(host, instance.GetGlobal("y")!.Get().AsExternRef());
        Assert.Same(host, instance.GetTable("t")!.Get(0).AsExternRef());
        Assert.True(instance.GetTable("t")!.Get(1).IsNull);
    }

    [Fact]
    public void StartFunctionNeedsCompiledCode()
    {
        using var store = new Store(engine);
        // A module given no code (the embedder's own-code constructor) refuses to run rather than jump to 0.
        var module = new Module(engine, Kiln.Wasm.Text.WatParser.ParseModule("(module (func $s) (start $s))"));
        Assert.Throws<NotSupportedException>(() => Instance.Create(store, module, []));
    }

    [Fact]
    public void FromTextAndFromBinaryGiveModulesThatRun()
    {
        // Issue 16: FromText instantiated, but every call threw "function 1 has no compiled code".
        using var store = new Store(engine);
        const string Wat = "(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))";
        var fromText = Instance.Create(store, Module.FromText(engine, Wat), []);
        Assert.Equal(42, fromText.GetFunc("add")!.AsFunc<int, int, int>()(40, 2));
        var binary = Kiln.Wasm.Binary.ModuleEncoder.Encode(Kiln.Wasm.Text.WatParser.ParseModule(Wat));
        var fromBinary = Instance.Create(store, Module.FromBinary(engine, binary), []);
        Assert.Equal(42, fromBinary.GetFunc("add")!.AsFunc<int, int, int>()(40, 2));
        var fromBytes = Instance.Create(store, Module.FromBytes(engine, System.Text.Encoding.UTF8.GetBytes(Wat)), []);
        Assert.Equal(42, fromBytes.GetFunc("add")!.AsFunc<int, int, int>()(40, 2));
    }

    [Fact]
    public void ImportCountAndStoreAreChecked()
    {
        using var store = new Store(engine);
        using var other = new Store(engine);
        var module = Module.FromText(engine, "(module (import \"m\" \"g\" (global i32)))");
        Assert.Throws<ArgumentException>(() => Instance.Create(store, module, []));
        var foreign = new Global(other, new GlobalType(ValType.I32, false), Value.I32(0));
        Assert.Throws<ArgumentException>(() => Instance.Create(store, module, [foreign]));
        Assert.Throws<ArgumentException>(() => Instance.Create(new Store(new Engine()), module, []));
    }

    [Fact]
    public void InstancesShareImportedMemoryAndTable()
    {
        using var store = new Store(engine);
        var exporter = Instance.Create(store, Module.FromText(engine, """
            (module (memory (export "mem") 1) (table (export "tab") 1 funcref) (global (export "g") (mut i32) (i32.const 1)))
            """), []);
        var importer = Instance.Create(store, Module.FromText(engine, """
            (module (import "e" "mem" (memory 1)) (import "e" "tab" (table 1 funcref)) (import "e" "g" (global (mut i32))))
            """), [exporter.GetMemory("mem")!, exporter.GetTable("tab")!, exporter.GetGlobal("g")!]);
        var layout = importer.Module.Layout;
        Assert.Equal(exporter.GetMemory("mem")!.DefinitionAddress, *(nint*)(importer.VmContext + layout.MemoryOffset(0)));
        Assert.Equal(exporter.GetTable("tab")!.DefinitionAddress, *(nint*)(importer.VmContext + layout.TableOffset(0)));
        Assert.Equal(exporter.VmContext + exporter.Module.Layout.GlobalOffset(0), *(nint*)(importer.VmContext + layout.GlobalOffset(0)));
        importer.GetGlobal(0).Set(Value.I32(9));
        Assert.Equal(9, exporter.GetGlobal("g")!.Get().AsI32());
    }

    [Fact]
    public void InstanceLimitOfTheStore()
    {
        using var store = new Store(engine, new StoreLimits { MaxInstances = 1 });
        var module = Module.FromText(engine, "(module)");
        Instance.Create(store, module, []);
        Assert.Throws<ResourceLimitException>(() => Instance.Create(store, module, []));
    }
}
