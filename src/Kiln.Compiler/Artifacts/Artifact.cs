using Kiln.Wasm.Model;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;

namespace Kiln.Compiler.Artifacts;

/// <summary>A verified, compatible artifact: the module it was compiled from and its linked code, ready to load.</summary>
public sealed class Artifact
{
    internal Artifact(EngineCompatibility compatibility, WasmModule module, CompiledModule compiled, ElfReader elf)
    {
        Compatibility = compatibility;
        Module = module;
        Compiled = compiled;
        Elf = elf;
    }

    public EngineCompatibility Compatibility { get; }

    /// <summary>The module (decoded from <c>.kiln.wasm</c>, imports counted; the runtime validates it again).</summary>
    public WasmModule Module { get; }

    /// <summary>The code and its tables, exactly as the compiler linked them.</summary>
    public CompiledModule Compiled { get; }

    /// <summary>The parsed ELF file (sections, symbols, notes).</summary>
    public ElfReader Elf { get; }
}
