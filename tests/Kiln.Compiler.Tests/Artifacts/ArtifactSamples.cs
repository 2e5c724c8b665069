using Kiln.Codegen;
using Kiln.Codegen.X64;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Text;

namespace Kiln.Compiler.Tests.Artifacts;

/// <summary>A module with a bit of everything (imports, memory, table, globals, data, traps) and helpers.</summary>
internal static class ArtifactSamples
{
    public const string Wat = """
        (module
          (import "env" "log" (func $log (param i32)))
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
          (func (export "tell") (param i32) (call $log (local.get 0))))
        """;

    public static ModuleCompilerOptions Options(int threads = 0) =>
        new() { Target = X64Target.Instance, Threads = threads, Features = X64Features.Default };

    public static byte[] Compile(int threads = 0) => ArtifactCompiler.Compile(WatParser.ParseModule(Wat), Options(threads));

    /// <summary>Loading options that accept every CPU feature (tests do not depend on the machine).</summary>
    public static ArtifactLoadOptions AnyCpu => new() { Machine = ElfMachine.X86_64, AvailableFeatures = new CpuFeatures(0xF) };
}
