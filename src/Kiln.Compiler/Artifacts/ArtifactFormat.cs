using System.Reflection;

namespace Kiln.Compiler.Artifacts;

/// <summary>Section names, record versions and identity of Kiln's ELF artifacts (see README.md).</summary>
public static class ArtifactFormat
{
    /// <summary>Bumped whenever the layout of any Kiln section or record changes; loaders refuse other versions.</summary>
    public const uint Version = 2; // 2: landing sites in .kiln.code

    /// <summary>The linked position-independent code blob (<c>CompiledModule.Code</c>).</summary>
    public const string TextSection = ".text";

    /// <summary>Trap table: sorted (u32 code offset, u32 trap code) pairs.</summary>
    public const string TrapsSection = ".kiln.traps";

    /// <summary>Load-time relocations: (u64 code offset, u32 kind, u32 reserved, i64 addend). Empty: the blob is PIC.</summary>
    public const string RelocationsSection = ".kiln.reloc";

    /// <summary>The validated module, re-encoded as a wasm binary (imports, exports, segments, types…).</summary>
    public const string ModuleSection = ".kiln.wasm";

    /// <summary>The compiled-code tables: function and trampoline offsets, ranges, source map.</summary>
    public const string CodeTablesSection = ".kiln.code";

    /// <summary>A component artifact: the component's binary (its flat plan is derived from it on load).</summary>
    public const string ComponentSection = ".kiln.component";

    /// <summary>A component artifact: the complete module artifact of the plan's core module <paramref name="index"/>.</summary>
    public static string ComponentModuleSection(int index) => $".kiln.module.{index}";

    public const int TrapEntrySize = 8;
    public const int RelocationEntrySize = 24;

    /// <summary>Page alignment of <c>.text</c> in the file, so a loader could map it directly.</summary>
    public const ulong TextFileAlignment = 4096;

    /// <summary>The Kiln build that writes artifacts, and the only one whose artifacts this build loads:
    /// the version number plus a build id (see <see cref="ComputeKilnVersion"/>).</summary>
    public static string KilnVersion { get; } = ComputeKilnVersion();

    /// <summary>
    /// The version number alone would let two builds with different code generators (another VMContext layout,
    /// calling convention or lowering) load each other's code, so the build id hashes the module version ids of
    /// the assemblies that shape generated code. Builds are deterministic: identical sources give identical ids.
    /// </summary>
    private static string ComputeKilnVersion()
    {
        var asm = typeof(ArtifactFormat).Assembly;
        string number = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? asm.GetName().Version?.ToString() ?? "0.0.0";
        // Every target's backend shapes code too; Driver.Targets is the one place that names them.
        var shaping = new List<Type> { typeof(ArtifactFormat), typeof(Kiln.IR.Function), typeof(Kiln.Codegen.VCode) };
        foreach (var t in Driver.Targets.All) shaping.Add(t.GetType());
        shaping.Add(typeof(Kiln.Wasm.Model.WasmModule));
        Span<byte> ids = stackalloc byte[16 * shaping.Count];
        for (int i = 0; i < shaping.Count; i++)
        {
            shaping[i].Assembly.ManifestModule.ModuleVersionId.TryWriteBytes(ids[(i * 16)..]);
        }
        return $"{number}+{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ids)[..6])}";
    }
}
