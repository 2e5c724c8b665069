using Kiln.Component.Linking;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Component.Tests.Linking;

/// <summary>Adapter GC: what the kept exports reach stays (renumbered), everything else goes, imports included.</summary>
public sealed class ModuleGcTests
{
    private const string Adapter = """
        (module
          (type $t (func (param i32) (result i32)))
          (import "iface" "used" (func $used (param i32)))
          (import "iface" "unused" (func $unused))
          (import "other" "only-unused" (func $only (param i64)))
          (import "env" "memory" (memory 1))
          (import "cfg" "k" (global $k i32))
          (table 2 funcref)
          (global $g (mut i32) (i32.const 7))
          (global $h (mut i32) (i32.const 5))
          (global $derived i32 (global.get $k))
          (elem (i32.const 0) $callee $other)
          (data (i32.const 100) "kept with the memory")
          (func $keep (export "keep") (param i32) (result i32)
            (call $used (local.get 0))
            (drop (global.get $g))
            (drop (i32.load (i32.const 100)))
            (call_indirect (type $t) (local.get 0) (i32.const 0)))
          (func $callee (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func $other (param i32) (result i32) (call $helper (local.get 0)))
          (func $helper (param i32) (result i32) (local.get 0))
          (func $drop (export "drop")
            (call $unused)
            (call $only (i64.const 1))
            (global.set $h (global.get $derived))
            (call $dead2))
          (func $dead2)
          (func $start (global.set $g (i32.const 8)))
          (start $start))
        """;

    [Fact]
    public void KeepsWhatTheKeptExportsReachAndDropsTheRestIncludingImports()
    {
        var m = LinkingModules.FromText(Adapter);
        var gc = ModuleGc.Run(m, ["keep"]);
        var kept = gc.Module;
        ModuleValidator.Validate(ModuleDecoder.Decode(ModuleEncoder.Encode(kept)));
        Assert.Equal(["keep"], kept.Exports.Select(e => e.Name));
        // `unused`, `cfg::k` and the whole `other` module are gone; `used` and the memory (loaded from) stay.
        Assert.Equal(["iface::used", "env::memory"], kept.Imports.Select(i => $"{i.ModuleName}::{i.Name}"));
        // keep, callee and other (the live table's segment), helper (called by other), start; not drop, dead2.
        Assert.Equal(5, kept.Functions.Count);
        Assert.Single(kept.Globals); // $g only: $h, $derived and import $k are reached from `drop` alone
        Assert.Single(kept.Tables);
        Assert.Single(kept.Elements);
        Assert.Single(kept.Data);
        Assert.NotNull(kept.Start);
        // Old indices map to new ones in order; dropped ones to nothing.
        Assert.Equal(0u, gc.NewIndex(IndexSpace.Func, 0)); // used
        Assert.Null(gc.NewIndex(IndexSpace.Func, 1));      // unused
        Assert.Null(gc.NewIndex(IndexSpace.Func, 2));      // only-unused
        Assert.Equal(1u, gc.NewIndex(IndexSpace.Func, 3)); // keep
        Assert.Null(gc.NewIndex(IndexSpace.Global, 0)); // cfg::k
        Assert.Equal(0u, gc.NewIndex(IndexSpace.Global, 1)); // $g
        // The segment's functions follow their renumbering.
        Assert.Equal([gc.NewIndex(IndexSpace.Func, 4)!.Value, gc.NewIndex(IndexSpace.Func, 5)!.Value], kept.Elements[0].FunctionIndices!);
        // Function names follow their functions.
        Assert.Equal("keep", kept.Names!.FunctionNames[1]);
        Assert.DoesNotContain("drop", kept.Names.FunctionNames.Values);
    }

    [Fact]
    public void KeepingEverythingExportedKeepsEveryReachableItem()
    {
        var m = LinkingModules.FromText(Adapter);
        var kept = ModuleGc.Run(m, ["keep", "drop"]).Module;
        ModuleValidator.Validate(ModuleDecoder.Decode(ModuleEncoder.Encode(kept)));
        Assert.Equal(m.Imports.Count, kept.Imports.Count);
        Assert.Equal(m.Functions.Count, kept.Functions.Count);
        Assert.Equal(m.Globals.Count, kept.Globals.Count);
    }

    [Fact]
    public void AReplacedImportBecomesAFunctionOfTheModule()
    {
        var m = LinkingModules.FromText("""
            (module
              (import "__main_module__" "cabi_realloc" (func $r (param i32 i32 i32 i32) (result i32)))
              (import "env" "memory" (memory 1))
              (func (export "alloc") (result i32) (call $r (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 100))))
            """);
        var (locals, code) = AdapterStack.MemoryGrowRealloc();
        var gc = ModuleGc.Run(m, ["alloc"], [new ImportReplacement("__main_module__", "cabi_realloc", locals, code)]);
        ModuleValidator.Validate(ModuleDecoder.Decode(ModuleEncoder.Encode(gc.Module)));
        Assert.DoesNotContain(gc.Module.Imports, i => i.Kind == ExternalKind.Func);
        Assert.Equal(2, gc.Module.Functions.Count);
        Assert.Equal(1u, gc.NewIndex(IndexSpace.Func, 0)); // after the module's own function
    }

    /// <summary>jco's preview1 adapter kept for fd_write alone: a fraction of it remains, and interfaces the
    /// write path never calls (environment, random, clocks' monotonic) disappear from its imports.</summary>
    [Fact]
    public void ThePreview1AdapterShrinksToWhatFdWriteNeeds()
    {
        var bytes = File.ReadAllBytes(LinkingPaths.CommandAdapter());
        var (_, stripped) = ComponentTypeMetadata.Extract(bytes);
        var m = ModuleDecoder.Decode(stripped);
        var gc = ModuleGc.Run(m, ["fd_write"]);
        var kept = ModuleEncoder.Encode(gc.Module);
        ModuleValidator.Validate(ModuleDecoder.Decode(kept));
        Assert.True(kept.Length < stripped.Length / 2, $"{kept.Length} of {stripped.Length} bytes kept");
        Assert.True(gc.Module.Imports.Count < m.Imports.Count / 2, $"{gc.Module.Imports.Count} of {m.Imports.Count} imports kept");
        Assert.DoesNotContain(gc.Module.Imports, i => i.ModuleName.StartsWith("wasi:cli/environment", StringComparison.Ordinal));
        Assert.DoesNotContain(gc.Module.Imports, i => i.ModuleName.StartsWith("wasi:random/", StringComparison.Ordinal));
        Assert.Contains(gc.Module.Imports, i => i.Name == "[method]output-stream.blocking-write-and-flush");
    }
}
