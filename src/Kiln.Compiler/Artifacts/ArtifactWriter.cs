using Kiln.Wasm.Model;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Binary;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// Writes a compiled module as a sealed ELF64 artifact (layout in README.md). The output depends only on the
/// module, the compiled code and the code-affecting settings, so it is byte-identical for any thread count.
/// </summary>
public static class ArtifactWriter
{
    public static byte[] Write(WasmModule module, CompiledModule compiled, ModuleCompilerOptions options,
        ReadOnlySpan<byte> integrityKey = default) =>
        Write(module, compiled, Compatibility(compiled, options), integrityKey);

    /// <summary>The record this build writes for <paramref name="compiled"/>.</summary>
    public static EngineCompatibility Compatibility(CompiledModule compiled, ModuleCompilerOptions options) =>
        new(ArtifactFormat.Version, ArtifactTarget.Machine(compiled.Target), compiled.RequiredFeatures, options.Features, options.Optimize,
            options.FunctionAlignment, EngineCompatibility.CurrentBuiltinCount, ArtifactFormat.KilnVersion)
        {
            ConsumeFuel = options.ConsumeFuel,
            EpochInterruption = options.EpochInterruption,
        };

    /// <summary>Writes with an explicit compatibility record (tests use it to make artifacts for other engines).</summary>
    public static byte[] Write(WasmModule module, CompiledModule compiled, EngineCompatibility compatibility,
        ReadOnlySpan<byte> integrityKey = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(compiled);
        var elf = new ElfWriter(compatibility.Machine);
        int text = elf.AddSection(ArtifactFormat.TextSection, ElfSectionType.ProgBits, ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr,
            compiled.Code, alignment: (ulong)Math.Max(16, compatibility.FunctionAlignment), fileAlignment: ArtifactFormat.TextFileAlignment);
        elf.AddSection(ArtifactFormat.TrapsSection, ElfSectionType.ProgBits, ElfSectionFlags.None,
            CodeTables.EncodeTraps(compiled.TrapSites), alignment: 4, entrySize: ArtifactFormat.TrapEntrySize);
        // The blob is position-independent (PC-relative calls and jump tables, VMContext for everything else),
        // so there is nothing to patch; the section is kept so a future format can add entries.
        elf.AddSection(ArtifactFormat.RelocationsSection, ElfSectionType.ProgBits, ElfSectionFlags.None,
            ReadOnlyMemory<byte>.Empty, alignment: 8, entrySize: ArtifactFormat.RelocationEntrySize);
        elf.AddSection(ArtifactFormat.ModuleSection, ElfSectionType.ProgBits, ElfSectionFlags.None, ModuleEncoder.Encode(module));
        elf.AddSection(ArtifactFormat.CodeTablesSection, ElfSectionType.ProgBits, ElfSectionFlags.None, CodeTables.Encode(compiled), alignment: 4);
        elf.AddNote(KilnNotes.EngineCompatibility, compatibility.Encode());
        foreach (var r in compiled.Ranges)
        {
            bool function = r.Kind == CodeRangeKind.Function;
            string name = r.Name.Length == 0 || r.Name.Contains('\0', StringComparison.Ordinal)
                ? (function ? FunctionNames.Wasm(r.Index) : $"trampoline_{r.Start}")
                : r.Name;
            elf.AddSymbol(name, text, (ulong)r.Start, (ulong)r.Length, ElfSymbolType.Func,
                function ? ElfSymbolBinding.Global : ElfSymbolBinding.Local);
        }
        return elf.Write(integrityKey);
    }
}
