using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>A trap's backtrace lists every wasm frame between it and the host, innermost first, with names and
/// the module offsets of the trapping instruction and of each call; host frames in between split it into
/// segments that each belong to their own call from the host.</summary>
public sealed class BacktraceTests : IDisposable
{
    private const string Wat = """
        (module
          (import "host" "reenter" (func $reenter (param i32)))
          (memory 1)
          (func $outer (export "outer") (param i32) (call $middle (local.get 0)))
          (func $middle (param i32) (nop) (call $inner (local.get 0)))
          (func $inner (param i32)
            (if (i32.eqz (local.get 0)) (then unreachable))
            (drop (i32.load (i32.const -4))))
          (func $via-host (export "via-host") (param i32) (call $reenter (local.get 0)))
          (func $recurse (export "recurse") (param i32) (result i32)
            (i32.add (call $recurse (local.get 0)) (i32.const 1))))
        """;

    private const byte CallOpcode = 0x10, UnreachableOpcode = 0x00, I32LoadOpcode = 0x28;

    // Every frame kept, so the tests see the whole walk (the default keeps 20, as Wasmtime: BoundsTests).
    private readonly Engine engine = new(new EngineConfig { WasmBacktraceMaxFrames = int.MaxValue });
    private readonly Store store;
    private readonly byte[] binary;
    private readonly List<Module> modules = [];
    private Instance? instance;

    public BacktraceTests()
    {
        store = new Store(engine);
        // Through the binary form, so frames carry module offsets that can be checked against the bytes.
        binary = ModuleEncoder.Encode(WatParser.ParseModule(Wat));
    }

    // Modules are disposed too, so their code is unregistered now rather than once the engine is collected
    // (Native.MemoryTests checks that nothing is left registered next to a fresh region).
    public void Dispose()
    {
        store.Dispose();
        foreach (var m in modules)
            m.Dispose();
    }

    private Module Load(Module module)
    {
        modules.Add(module);
        return module;
    }

    private Instance Instantiate(Module module, Action<int> reenter)
    {
        var linker = new Linker(engine);
        linker.DefineFunction("host", "reenter", new FuncType([ValType.I32], []), (_, args, _) => reenter(args[0].AsI32()));
        return linker.Instantiate(store, module);
    }

    private Instance Instance => instance ??= Instantiate(Load(new Module(engine, binary)), _ => { });

    private Trap TrapOf(Instance i, string name, int arg) => Assert.Throws<Trap>(() => i.GetFunc(name)!.Call(Value.I32(arg)));

    /// <summary>Checks the frames' names and that each offset lies in that function's body on the expected opcode.</summary>
    private void AssertFrames(Trap trap, params (string Name, byte Opcode)[] expected)
    {
        var module = ModuleDecoder.Decode(binary);
        Assert.Equal(expected.Select(e => e.Name), trap.Backtrace.Select(f => f.FunctionName));
        Assert.Equal(expected.Length, trap.BacktraceDepth);
        for (int k = 0; k < expected.Length; k++)
        {
            var frame = trap.Backtrace[k];
            var body = module.Codes[(int)frame.FunctionIndex - module.ImportedFunctionCount];
            uint offset = Assert.NotNull(frame.WasmOffset);
            Assert.InRange((int)offset, body.CodeOffset, body.CodeOffset + body.Code.Length - 1);
            Assert.Equal(expected[k].Opcode, binary[offset]);
        }
    }

    [Fact]
    public void ATrapThreeCallsDeepShowsEveryFrameInOrder()
    {
        var trap = TrapOf(Instance, "outer", 0);
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        AssertFrames(trap, ("inner", UnreachableOpcode), ("middle", CallOpcode), ("outer", CallOpcode));
        Assert.Equal([3u, 2u, 1u], trap.Backtrace.Select(f => f.FunctionIndex)); // the import is function 0
    }

    [Fact]
    public void AFaultingLoadShowsTheSameFrames()
    {
        var trap = TrapOf(Instance, "outer", 1);
        Assert.Equal(TrapCode.HeapOutOfBounds, trap.Code);
        AssertFrames(trap, ("inner", I32LoadOpcode), ("middle", CallOpcode), ("outer", CallOpcode));
    }

    [Fact]
    public void TheTextListsTheFramesLikeWasmtime()
    {
        var trap = TrapOf(Instance, "outer", 0);
        Assert.Equal("unreachable executed", trap.Message); // the spec wording alone, for script runners
        var lines = trap.BacktraceText.Split('\n');
        Assert.Equal("wasm backtrace:", lines[0]);
        Assert.Equal($"    0: 0x{trap.Backtrace[0].WasmOffset:x} - inner", lines[1]);
        Assert.Equal($"    2: 0x{trap.Backtrace[2].WasmOffset:x} - outer", lines[3]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(trap.BacktraceText, trap.ToString());
        Assert.StartsWith($"{typeof(Trap).FullName}: unreachable executed\nwasm backtrace:", trap.ToString());
    }

    [Fact]
    public void ArtifactsLoadedFromDiskKeepNamesAndOffsets()
    {
        using var compiled = new Module(engine, binary);
        string path = Path.Combine(Path.GetTempPath(), $"kiln-backtrace-{Guid.NewGuid():N}.kiln");
        try
        {
            File.WriteAllBytes(path, compiled.Serialize());
            var loaded = Load(Module.FromArtifact(engine, path));
            var trap = TrapOf(Instantiate(loaded, _ => { }), "outer", 0);
            AssertFrames(trap, ("inner", UnreachableOpcode), ("middle", CallOpcode), ("outer", CallOpcode));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HostFramesInBetweenSplitTheBacktraceIntoTheRightSegments()
    {
        Instance? i = null;
        Trap? caught = null;
        i = Instantiate(Load(new Module(engine, binary)), x =>
        {
            // host → wasm (via-host) → host (here) → wasm (outer → middle → inner, traps)
            caught = Assert.Throws<Trap>(() => i!.GetFunc("outer")!.Call(Value.I32(x)));
            if (x == 0)
                throw caught; // let it through: the outer call's frames are added after the inner ones
        });

        // Caught by the host: only the inner call's frames, nothing of the call that is still running.
        i.GetFunc("via-host")!.Call(Value.I32(1));
        AssertFrames(caught!, ("inner", I32LoadOpcode), ("middle", CallOpcode), ("outer", CallOpcode));

        var trap = TrapOf(i, "via-host", 0);
        Assert.Same(caught, trap);
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        AssertFrames(trap, ("inner", UnreachableOpcode), ("middle", CallOpcode), ("outer", CallOpcode), ("via-host", CallOpcode));
    }

    [Fact]
    public void ExhaustedStackKeepsTheFramesItCanAndCountsAll()
    {
        var trap = TrapOf(Instance, "recurse", 0);
        Assert.Equal(TrapCode.StackOverflow, trap.Code);
        Assert.True(trap.Backtrace.Count > 100, $"{trap.Backtrace.Count} frames");
        Assert.All(trap.Backtrace, f => Assert.Equal("recurse", f.FunctionName));
        Assert.True(trap.BacktraceDepth >= trap.Backtrace.Count);
        // Every caller frame stops at the recursive call.
        Assert.All(trap.Backtrace.Skip(1), f => Assert.Equal(CallOpcode, binary[(int)f.WasmOffset!.Value]));
    }
}
