using Kiln.Component.Adapters;
using Kiln.Component.Binary;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Resolution;
using Kiln.Reference;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Adapters.Tests;

/// <summary>The adapter as built: reproducible, what Kiln.Component embeds, carrying the component type of its own
/// WIT, and shaped as wit-component requires an adapter to be.</summary>
public sealed class Preview1AdapterBuildTests
{
    public static TheoryData<string> Flavors => ["command", "reactor"];

    private static ReadOnlyMemory<byte> Embedded(string flavor) =>
        flavor == "command" ? Preview1Adapters.Command : Preview1Adapters.Reactor;

    [Fact]
    public void Two_builds_in_different_folders_are_byte_identical_and_are_what_Kiln_embeds()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        foreach (var dir in new[] { first, second })
        {
            var build = ProcessRunner.Run(Path.Combine(RepoPaths.Adapter, "build.sh"), [dir.Combine("out")]);
            Assert.True(build.ExitCode == 0, $"adapters/wasi-preview1/build.sh: {build}");
        }
        foreach (var flavor in Flavors)
        {
            string file = $"wasi_snapshot_preview1.{flavor}.wasm";
            byte[] a = File.ReadAllBytes(first.Combine("out", file));
            byte[] b = File.ReadAllBytes(second.Combine("out", file));
            Assert.Equal(a, b);
            Assert.Equal(a, Embedded(flavor).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public void Its_component_type_section_is_the_encoding_of_its_wit_world(string flavor)
    {
        var resolve = WitPackageLoader.Load(Path.Combine(RepoPaths.Adapter, "wit"));
        byte[] encoded = ComponentEncoder.Encode(WitEncoder.EncodeWorldPackage(resolve.SelectWorld(flavor)));
        // The committed binary the build embeds (regenerate with: kiln component wit adapters/wasi-preview1/wit
        // --wasm --world FLAVOR -o adapters/wasi-preview1/wit/FLAVOR.component-type.bin).
        Assert.Equal(encoded, File.ReadAllBytes(Path.Combine(RepoPaths.Adapter, "wit", $"{flavor}.component-type.bin")));
        var module = ModuleDecoder.Decode(Embedded(flavor));
        var section = Assert.Single(module.CustomSections, c => c.Name.StartsWith("component-type", StringComparison.Ordinal));
        Assert.Equal(encoded, section.Content.ToArray());
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public void It_has_the_shape_of_an_adapter(string flavor)
    {
        var module = ModuleDecoder.Decode(Embedded(flavor));
        // It lives in the program's memory: no data of its own, no start function, no table contents.
        Assert.Empty(module.Data);
        Assert.Empty(module.Elements);
        Assert.Null(module.Start);
        Assert.Empty(module.Memories);
        var memory = Assert.Single(module.Imports, i => i.Kind == ExternalKind.Memory);
        Assert.Equal(("env", "memory"), (memory.ModuleName, memory.Name));
        foreach (var import in module.Imports)
        {
            if (import.Kind == ExternalKind.Memory) continue;
            Assert.Equal(ExternalKind.Func, import.Kind);
            bool fromProgram = import.ModuleName == "__main_module__" &&
                (import.Name == "cabi_realloc" || (flavor == "command" && import.Name == "_start"));
            bool fromWasi = import.ModuleName.StartsWith("wasi:", StringComparison.Ordinal) &&
                import.ModuleName.EndsWith("@0.2.0", StringComparison.Ordinal);
            Assert.True(fromProgram || fromWasi, $"unexpected import {import.ModuleName} {import.Name}");
        }
        // Its stack pointer and allocation state, which wit-component finds by name, start at 0 (unallocated).
        Assert.Equal(3, module.Globals.Count);
        Assert.All(module.Globals, g => Assert.Equal(new GlobalType(ValType.I32, true), g.Type));
        bool runs = module.Exports.Exists(e => e.Name == "wasi:cli/run@0.2.0#run");
        Assert.Equal(flavor == "command", runs);
        Assert.Contains(module.Exports, e => e.Name == "cabi_import_realloc");
    }

    /// <summary>Every preview1 function jco's reference adapter exports, Kiln's exports with the same core type.</summary>
    [Theory]
    [MemberData(nameof(Flavors))]
    public void It_exports_every_preview1_function_of_the_reference_adapter_with_the_same_type(string flavor)
    {
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        var reference = ModuleDecoder.Decode(File.ReadAllBytes(Jco.Preview1Adapter(flavor)));
        var kiln = ModuleDecoder.Decode(Embedded(flavor));
        int checkedCount = 0;
        foreach (var export in reference.Exports)
        {
            // The reference's own extras (adapter_open_badfd, reset_adapter_state, ...) are not preview1.
            if (export.Kind != ExternalKind.Func || !IsPreview1Name(export.Name)) continue;
            var mine = kiln.Exports.Find(e => e.Name == export.Name);
            Assert.True(mine is not null, $"Kiln's {flavor} adapter does not export {export.Name}");
            Assert.Equal(FuncTypeOf(reference, export.Index), FuncTypeOf(kiln, mine!.Index));
            checkedCount++;
        }
        Assert.Equal(46, checkedCount); // wasi_snapshot_preview1 has 46 functions
    }

    private static bool IsPreview1Name(string name) =>
        name.StartsWith("args_", StringComparison.Ordinal) || name.StartsWith("environ_", StringComparison.Ordinal) ||
        name.StartsWith("clock_", StringComparison.Ordinal) || name.StartsWith("fd_", StringComparison.Ordinal) ||
        name.StartsWith("path_", StringComparison.Ordinal) || name.StartsWith("proc_", StringComparison.Ordinal) ||
        name.StartsWith("sock_", StringComparison.Ordinal) ||
        name is "poll_oneoff" or "random_get" or "sched_yield";

    private static FuncType FuncTypeOf(WasmModule module, uint funcIndex)
    {
        int imported = 0;
        foreach (var i in module.Imports)
        {
            if (i.Kind != ExternalKind.Func) continue;
            if (imported == funcIndex) return module.Types[(int)i.FuncTypeIndex];
            imported++;
        }
        return module.Types[(int)module.Functions[(int)funcIndex - imported]];
    }
}
