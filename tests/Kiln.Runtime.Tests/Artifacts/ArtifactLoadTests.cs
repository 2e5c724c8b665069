using System.Text;
using Kiln.Compiler.Artifacts;
using Kiln.Wasm.Text;

namespace Kiln.Runtime.Tests.Artifacts;

public class ArtifactLoadTests
{
    private const string Wat = """
        (module
          (import "env" "log" (func $log (param i32) (result i32)))
          (type $bin (func (param i32 i32) (result i32)))
          (memory 1)
          (table 4 funcref)
          (global $g (mut i64) (i64.const 7))
          (data (i32.const 16) "kiln")
          (elem (i32.const 0) $add $div)
          (func $fac (export "fac") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
              (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
          (func $add (export "add") (type $bin) (i32.add (local.get 0) (local.get 1)))
          (func $div (export "div") (type $bin) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "clz") (param i32) (result i32) (i32.clz (local.get 0)))
          (func (export "dispatch") (param i32 i32 i32) (result i32)
            (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
          (func (export "bump") (result i64)
            (global.set $g (i64.add (global.get $g) (i64.const 1))) (global.get $g))
          (func (export "tell") (param i32) (result i32) (call $log (local.get 0))))
        """;

    private static readonly (string Name, Value[] Args)[] Calls =
    [
        ("fac", [Value.I64(20)]), ("fac", [Value.I64(0)]), ("add", [Value.I32(-5), Value.I32(12)]),
        ("div", [Value.I32(7), Value.I32(-2)]), ("div", [Value.I32(1), Value.I32(0)]), ("div", [Value.I32(int.MinValue), Value.I32(-1)]),
        ("load", [Value.I32(16)]), ("load", [Value.I32(65534)]), ("clz", [Value.I32(1)]),
        ("dispatch", [Value.I32(0), Value.I32(2), Value.I32(3)]), ("dispatch", [Value.I32(1), Value.I32(9), Value.I32(3)]),
        ("dispatch", [Value.I32(2), Value.I32(1), Value.I32(1)]), ("dispatch", [Value.I32(9), Value.I32(1), Value.I32(1)]),
        ("bump", []), ("bump", []), ("tell", [Value.I32(41)]),
    ];

    /// <summary>Each call's results, or the trap message, as text.</summary>
    private static List<string> Run(Module module)
    {
        using var store = new Store(module.Engine);
        var linker = new Linker(module.Engine);
        linker.DefineFunction("env", "log", new Kiln.Wasm.Model.FuncType([Kiln.Wasm.Model.ValType.I32], [Kiln.Wasm.Model.ValType.I32]),
            (_, args, results) => results[0] = Value.I32(args[0].AsI32() + 1));
        var instance = linker.Instantiate(store, module);
        var outcomes = new List<string>();
        foreach (var (name, args) in Calls)
        {
            try
            {
                outcomes.Add($"{name}: " + string.Join(", ", instance.GetFunc(name)!.Call(args).Select(v => v.ToString())));
            }
            catch (Trap t)
            {
                outcomes.Add($"{name}: trap {t.Message}");
            }
        }
        return outcomes;
    }

    [Fact]
    public void An_artifact_runs_like_the_module_compiled_in_memory()
    {
        var engine = new Engine();
        var inMemory = Run(new Module(engine, Encoding.UTF8.GetBytes(Wat)));
        var artifact = ArtifactCompiler.Compile(WatParser.ParseModule(Wat));
        var fromArtifact = Run(Module.FromArtifact(engine, artifact));
        Assert.Equal(inMemory, fromArtifact);
        Assert.Contains("fac: i64:2432902008176640000", fromArtifact);
        Assert.Contains(fromArtifact, s => s.StartsWith("div: trap", StringComparison.Ordinal));
        Assert.Contains(fromArtifact, s => s.StartsWith("load: trap", StringComparison.Ordinal));
    }

    [Fact]
    public void Serialize_then_Deserialize_without_recompiling()
    {
        var engine = new Engine();
        using var compiled = new Module(engine, Encoding.UTF8.GetBytes(Wat));
        var bytes = compiled.Serialize();
        using var loaded = Module.Deserialize(engine, bytes);
        Assert.Equal(((LoadedCode)compiled.Code!).Compiled.Code, ((LoadedCode)loaded.Code!).Compiled.Code);
        Assert.Equal(Run(compiled), Run(loaded));
        Assert.Equal(bytes, loaded.Serialize());
    }

    [Fact]
    public void From_a_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kiln-artifact-{Environment.ProcessId}.kiln");
        File.WriteAllBytes(path, ArtifactCompiler.Compile(WatParser.ParseModule(Wat)));
        try
        {
            Assert.Contains("add: i32:7", Run(Module.FromArtifact(new Engine(), path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_damaged_artifact_is_refused_before_anything_is_loaded()
    {
        var engine = new Engine();
        var good = ArtifactCompiler.Compile(WatParser.ParseModule(Wat));
        var text = Compiler.Artifacts.Elf.ElfReader.Parse(good).GetSection(ArtifactFormat.TextSection);
        var bad = (byte[])good.Clone();
        bad[(int)text.Offset] = 0xCC; // would be an int3 at the first function's entry
        var e = Assert.Throws<ArtifactException>(() => Module.FromArtifact(engine, bad));
        Assert.Equal(ArtifactErrorKind.Integrity, e.Kind);
        Assert.Throws<ArtifactException>(() => Module.FromArtifact(engine, good[..^1]));
    }

    [Fact]
    public void Mutations_never_load()
    {
        var engine = new Engine();
        var good = ArtifactCompiler.Compile(WatParser.ParseModule(Wat));
        var random = new Random(20240611);
        for (int i = 0; i < 1500; i++)
        {
            var b = (byte[])good.Clone();
            if (i % 3 == 0)
                b = b[..random.Next(b.Length)];
            else
                b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
            var e = Assert.Throws<ArtifactException>(() => Module.FromArtifact(engine, b));
            Assert.True(e.Kind is ArtifactErrorKind.Integrity or ArtifactErrorKind.NotAnArtifact, $"case {i}: {e.Kind}: {e.Message}");
        }
    }
}
