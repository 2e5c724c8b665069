using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Component.Validation;

namespace Kiln.Compiler.Artifacts;

/// <summary>Component → sealed artifact in one call: validate, translate to the flat plan, compile every core module
/// of the plan into its own module artifact (and the always-trap functions into one more, retagged, then each generated
/// fused adapter module, in <see cref="AdapterPartition"/> order), write.</summary>
public static class ComponentArtifactCompiler
{
    /// <exception cref="ComponentValidationException">The component is invalid.</exception>
    /// <exception cref="ComponentTranslationException">The component uses a feature the translation does not support yet.</exception>
    public static byte[] Compile(WasmComponent component, ModuleCompilerOptions? options = null, ElfMachine target = ElfMachine.X86_64,
        ReadOnlySpan<byte> integrityKey = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        var isa = ArtifactTarget.Isa(target) ?? throw new NotSupportedException($"target {ArtifactTarget.Name(target)} is not supported yet");
        // Options made for another target keep everything but their features (another target's bits).
        options = options?.ForTarget(isa) ?? new ModuleCompilerOptions { Target = isa, Features = isa.NativeFeatures() };
        var plan = ComponentTranslator.Translate(component, ComponentValidator.ValidateDetailed(component));
        var alwaysTraps = AlwaysTrapModule.Build(plan);
        var modules = new List<byte[]>();
        foreach (var module in plan.Modules) modules.Add(ArtifactCompiler.Compile(module, options, target, integrityKey));
        if (alwaysTraps is not null)
        {
            var m = alwaysTraps.Module;
            var compiled = AlwaysTrapModule.Retag(ModuleCompiler.Compile(m, new VmContextLayout(m), options));
            modules.Add(ArtifactWriter.Write(m, compiled, options, integrityKey));
        }
        foreach (var group in AdapterPartition.Of(plan))
            modules.Add(ArtifactCompiler.Compile(AdapterCompiler.Compile(group, plan.Types).Module, options, target, integrityKey));
        return ComponentArtifactWriter.Write(ComponentEncoder.Encode(component), modules, ComponentArtifactWriter.Compatibility(options, target), integrityKey);
    }
}
