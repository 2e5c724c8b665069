using Kiln.Wasm.Model;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Validation;

namespace Kiln.Compiler.Artifacts;

/// <summary>Module → sealed artifact in one call: count imports, validate, compile, write.</summary>
public static class ArtifactCompiler
{
    /// <exception cref="NotSupportedException">Kiln has no backend for the target (or the module uses SIMD).</exception>
    /// <exception cref="WasmValidationException">The module is invalid.</exception>
    public static byte[] Compile(WasmModule module, ModuleCompilerOptions? options = null, ElfMachine target = ElfMachine.X86_64,
        ReadOnlySpan<byte> integrityKey = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        var isa = ArtifactTarget.Isa(target) ?? throw new NotSupportedException($"target {ArtifactTarget.Name(target)} is not supported yet");
        // Options made for another target keep everything but their features (another target's bits).
        options = options?.ForTarget(isa) ?? new ModuleCompilerOptions { Target = isa, Features = isa.NativeFeatures() };
        module.CountImports();
        ModuleValidator.Validate(module);
        // Compile the module as it will be embedded, so source-map offsets are offsets into .kiln.wasm (for a
        // .wat input there is no other binary to point into; a .wasm input usually re-encodes to itself).
        var embedded = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
        embedded.CountImports();
        var compiled = ModuleCompiler.Compile(embedded, new VmContextLayout(embedded), options);
        return ArtifactWriter.Write(embedded, compiled, options, integrityKey);
    }
}
