using System.Reflection;

namespace Kiln.Compiler.Artifacts;

/// <summary>Section names, record versions and identity of Kiln's ELF artifacts (see README.md).</summary>
public static class ArtifactFormat
{
    /// <summary>Bumped whenever the layout of any Kiln section or record changes; loaders refuse other versions.</summary>
    public const uint Version = 1;

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

    public const int TrapEntrySize = 8;
    public const int RelocationEntrySize = 24;

    /// <summary>Page alignment of <c>.text</c> in the file, so a loader could map it directly.</summary>
    public const ulong TextFileAlignment = 4096;

    /// <summary>The Kiln version that writes artifacts, and the only one whose artifacts this build loads.</summary>
    public static string KilnVersion { get; } =
        typeof(ArtifactFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ArtifactFormat).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
