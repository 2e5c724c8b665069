using Kiln.Wasm;
using Kiln.Wasm.Model;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Wasm.Binary;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// Reads an artifact, refusing it with an <see cref="ArtifactException"/> at the first failed check, in this order:
/// is it an ELF file at all → integrity digest (before any header table is parsed) → ELF structure → the
/// engine-compatibility record (format version, Kiln version, builtins ABI, target, CPU features) → Kiln sections.
/// Nothing is mapped or executed here; the caller loads <see cref="Artifact.Compiled"/> afterwards.
/// </summary>
public static class ArtifactReader
{
    public static Artifact Read(ReadOnlyMemory<byte> file, ArtifactLoadOptions? options = null)
    {
        options ??= ArtifactLoadOptions.Default;
        var (elf, compatibility) = ReadVerified(file, options);
        if (ComponentArtifactReader.IsComponent(elf))
            throw new ArtifactException(ArtifactErrorKind.WrongKind, "a component's artifact, not a module's: load it as a component");

        var text = Section(elf, ArtifactFormat.TextSection);
        if (text.Type != ElfSectionType.ProgBits || (text.Flags & ElfSectionFlags.ExecInstr) == 0 || text.Size == 0)
            throw Malformed($"section {ArtifactFormat.TextSection} is not executable code");
        if (Section(elf, ArtifactFormat.RelocationsSection).Size != 0)
            throw Malformed($"section {ArtifactFormat.RelocationsSection} has entries, but format version {ArtifactFormat.Version} defines no relocation kinds");

        WasmModule module;
        try
        {
            // The digest (checked above) vouches that these are the bytes the compiling Kiln build encoded from a
            // module it had validated (the compatibility record pins that build): function bodies are not scanned again.
            module = ModuleDecoder.DecodeTrusted(Section(elf, ArtifactFormat.ModuleSection).Data.ToArray(), WasmFeatures.Default);
            module.CountImports();
        }
        catch (WasmDecodeException e)
        {
            throw Malformed($"section {ArtifactFormat.ModuleSection} does not decode: {e.Message}");
        }

        var target = ArtifactTarget.Isa(compatibility.Machine)
            ?? throw new ArtifactException(ArtifactErrorKind.Target, $"artifact is for target {ArtifactTarget.Name(compatibility.Machine)}, which this Kiln has no backend for");
        var compiled = CodeTables.Decode(text.Data.ToArray(), Section(elf, ArtifactFormat.CodeTablesSection).Data.Span,
            Section(elf, ArtifactFormat.TrapsSection).Data.Span, target, compatibility.RequiredFeatures, module.Codes.Count, module.Types.Count);
        if (compiled.ImportedFunctionCount != module.ImportedFunctionCount)
            throw Malformed($"code tables count {compiled.ImportedFunctionCount} imported functions, the module {module.ImportedFunctionCount}");
        return new Artifact(compatibility, module, compiled, elf);
    }

    /// <summary>The checks every artifact passes before its sections are read: ELF magic, integrity, ELF structure,
    /// compatibility record.</summary>
    internal static (ElfReader Elf, EngineCompatibility Compatibility) ReadVerified(ReadOnlyMemory<byte> file, ArtifactLoadOptions options)
    {
        var span = file.Span;
        if (span.Length < 4 || span[0] != 0x7f || span[1] != (byte)'E' || span[2] != (byte)'L' || span[3] != (byte)'F')
        {
            string what = span.Length >= 4 && span[0] == 0 && span[1] == (byte)'a' && span[2] == (byte)'s' && span[3] == (byte)'m'
                ? "it is a WebAssembly binary module" : span.Length < 4 ? $"only {span.Length} bytes" : "no ELF header";
            throw new ArtifactException(ArtifactErrorKind.NotAnArtifact, $"not a Kiln artifact ({what})");
        }

        try
        {
            ElfIntegrity.Verify(span, options.IntegrityKey.Span);
        }
        catch (ElfIntegrityException e) when (e.Failure == ElfIntegrityFailure.KeyedFileWithoutKey)
        {
            throw new ArtifactException(ArtifactErrorKind.KeyRequired,
                "artifact refused: it is sealed with an HMAC under an operator's key; load it with that key (kiln run --key FILE)", e);
        }
        catch (ElfIntegrityException e) when (e.Failure == ElfIntegrityFailure.UnkeyedFileWithKey)
        {
            throw new ArtifactException(ArtifactErrorKind.NotKeyed,
                "artifact refused: a key was given but the artifact carries only an unkeyed SHA-256 digest, which anyone can recompute; compile it with the key (kiln compile --key FILE)", e);
        }
        catch (ElfIntegrityException e)
        {
            throw new ArtifactException(ArtifactErrorKind.Integrity, $"artifact refused: {e.Message}", e);
        }

        ElfReader elf;
        try
        {
            elf = ElfReader.Parse(file, new ElfReadOptions { ExpectedType = ElfFileType.Relocatable });
        }
        catch (ElfFormatException e)
        {
            throw new ArtifactException(ArtifactErrorKind.Malformed, $"artifact is not a valid ELF file: {e.Message}", e);
        }

        return (elf, CheckCompatibility(elf, options));
    }

    /// <summary>Reads only up to the compatibility record (for tools that list artifacts).</summary>
    public static EngineCompatibility ReadCompatibility(ElfReader elf)
    {
        var notes = elf.FindNotes(KilnNotes.Owner, KilnNotes.EngineCompatibility);
        if (notes.Count != 1)
            throw Malformed($"expected one engine-compatibility note, found {notes.Count}");
        var record = notes[0].Descriptor.Span;
        uint? version = EngineCompatibility.PeekFormatVersion(record);
        if (version != ArtifactFormat.Version)
            throw new ArtifactException(ArtifactErrorKind.Version,
                $"artifact format version {(version is null ? "missing" : version.ToString())} is not supported (this Kiln reads version {ArtifactFormat.Version}); recompile the module");
        return EngineCompatibility.Decode(record);
    }

    private static EngineCompatibility CheckCompatibility(ElfReader elf, ArtifactLoadOptions options)
    {
        var c = ReadCompatibility(elf);
        if (c.KilnVersion != ArtifactFormat.KilnVersion)
            throw new ArtifactException(ArtifactErrorKind.Version,
                $"artifact was made by Kiln {c.KilnVersion}, this is Kiln {ArtifactFormat.KilnVersion}; recompile the module");
        if (c.BuiltinCount != EngineCompatibility.CurrentBuiltinCount)
            throw new ArtifactException(ArtifactErrorKind.Version,
                $"artifact expects {c.BuiltinCount} runtime builtins, this Kiln has {EngineCompatibility.CurrentBuiltinCount}; recompile the module");
        if (c.Machine != elf.Machine)
            throw Malformed($"compatibility record names {ArtifactTarget.Name(c.Machine)} but the ELF header {ArtifactTarget.Name(elf.Machine)}");
        if (c.Machine != options.Machine)
            throw new ArtifactException(ArtifactErrorKind.Target,
                $"artifact is for target {ArtifactTarget.Name(c.Machine)}, this engine runs {ArtifactTarget.Name(options.Machine)}");
        if (!(c.RequiredFeatures & ~c.CompileFeatures).IsEmpty || c.FunctionAlignment <= 0 || (c.FunctionAlignment & (c.FunctionAlignment - 1)) != 0)
            throw Malformed($"compatibility record is inconsistent: {c}");
        // Code without the checks would run unbounded in a bounded engine; code with them would read fuel or a
        // deadline nobody sets in an unbounded one (and trap at once).
        if (c.ConsumeFuel != options.ConsumeFuel || c.EpochInterruption != options.EpochInterruption)
            throw new ArtifactException(ArtifactErrorKind.Features,
                $"artifact was compiled {Bounds(c.ConsumeFuel, c.EpochInterruption)}, this engine runs {Bounds(options.ConsumeFuel, options.EpochInterruption)}; recompile it with the engine's settings");
        var missing = c.RequiredFeatures & ~options.AvailableFeatures;
        if (!missing.IsEmpty)
            throw new ArtifactException(ArtifactErrorKind.Features,
                $"artifact needs CPU features this machine lacks: {EngineCompatibility.FeatureText(c.Machine, missing)} (required {EngineCompatibility.FeatureText(c.Machine, c.RequiredFeatures)}, available {EngineCompatibility.FeatureText(c.Machine, options.AvailableFeatures)})");
        return c;
    }

    private static string Bounds(bool fuel, bool epochs) => (fuel, epochs) switch
    {
        (false, false) => "without fuel metering or epoch checks",
        (true, false) => "with fuel metering",
        (false, true) => "with epoch checks",
        (true, true) => "with fuel metering and epoch checks",
    };

    private static ElfSection Section(ElfReader elf, string name) =>
        elf.FindSection(name) ?? throw Malformed($"section {name} is missing");

    private static ArtifactException Malformed(string message) => new(ArtifactErrorKind.Malformed, message);
}
