using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Component.Binary;
using Kiln.Wasm.Binary;

namespace Kiln.Runtime;

// Components as artifacts (src/Kiln.Compiler/Artifacts/README.md, "Component artifacts").
public sealed partial class Component
{
    /// <summary>
    /// Loads a component from a <c>kiln compile</c> artifact without recompiling: the outer artifact's integrity and
    /// compatibility, then the component is validated and translated again (deterministic: the same plan), then each
    /// core module's artifact is loaded with the module checks and must embed exactly the plan's module.
    /// </summary>
    /// <exception cref="ArtifactException">The artifact was refused; nothing was executed.</exception>
    public static Component FromArtifact(Engine engine, ReadOnlyMemory<byte> artifact, ArtifactLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        options = (options ?? ArtifactLoadOptions.Default) with
        {
            ConsumeFuel = engine.Config.ConsumeFuel,
            EpochInterruption = engine.Config.EpochInterruption,
        };
        var read = ComponentArtifactReader.Read(artifact, options);
        Kiln.Component.Model.WasmComponent model;
        try
        {
            model = ComponentDecoder.Decode(read.ComponentBinary);
        }
        catch (ComponentDecodeException e)
        {
            throw new ArtifactException(ArtifactErrorKind.Malformed, $"section {ArtifactFormat.ComponentSection} does not decode: {e.Message}", e);
        }
        return new Component(engine, model, (plan, alwaysTraps, adapters) =>
        {
            // The plan's core modules, then the always-trap module when the plan has one, then the adapter modules.
            int traps = alwaysTraps is null ? 0 : 1;
            int count = plan.Modules.Count + traps + adapters.Count;
            if (count != read.ModuleArtifacts.Count)
                throw new ArtifactException(ArtifactErrorKind.Malformed,
                    $"the component needs code for {count} modules ({plan.Modules.Count} core, {traps} always-trap, {adapters.Count} adapter), the artifact holds {read.ModuleArtifacts.Count}");
            var modules = new Module[count];
            for (int i = 0; i < modules.Length; i++)
            {
                modules[i] = Module.FromArtifact(engine, read.ModuleArtifacts[i], options);
                var expected = i < plan.Modules.Count ? plan.Modules[i]
                    : i < plan.Modules.Count + traps ? alwaysTraps!.Module
                    : adapters[i - plan.Modules.Count - traps].Module;
                if (!ModuleEncoder.Encode(modules[i].Source).AsSpan().SequenceEqual(ModuleEncoder.Encode(expected)))
                    throw new ArtifactException(ArtifactErrorKind.Malformed, $"section {ArtifactFormat.ComponentModuleSection(i)} holds code of another module than the component's module {i}");
            }
            return modules;
        });
    }

    /// <summary>Reads the artifact file at <paramref name="path"/>; see <see cref="FromArtifact(Engine, ReadOnlyMemory{byte}, ArtifactLoadOptions?)"/>.</summary>
    public static Component FromArtifact(Engine engine, string path, ArtifactLoadOptions? options = null) =>
        FromArtifact(engine, File.ReadAllBytes(path), options);

    /// <summary>Same as <see cref="FromArtifact(Engine, ReadOnlyMemory{byte}, ArtifactLoadOptions?)"/>.</summary>
    public static Component Deserialize(Engine engine, ReadOnlyMemory<byte> artifact) => FromArtifact(engine, artifact);

    /// <summary>Writes this component's code as an artifact (no recompilation), sealed with HMAC-SHA-256 under
    /// <paramref name="integrityKey"/> (plain SHA-256 when empty).</summary>
    public byte[] Serialize(ReadOnlySpan<byte> integrityKey = default)
    {
        var modules = new List<byte[]>();
        foreach (var m in CoreModules) modules.Add(m.Serialize(integrityKey));
        if (AlwaysTrapCode is { } at) modules.Add(at.Serialize(integrityKey));
        foreach (var m in AdapterCode()) modules.Add(m.Serialize(integrityKey));
        var target = Kiln.Compiler.Artifacts.ArtifactTarget.Machine(Targets.Host);
        var compatibility = ComponentArtifactWriter.Compatibility(ModuleCompilerOptions.Default with
        {
            Features = Targets.Host.NativeFeatures(),
            ConsumeFuel = Engine.Config.ConsumeFuel,
            EpochInterruption = Engine.Config.EpochInterruption,
        }, target);
        return ComponentArtifactWriter.Write(ComponentEncoder.Encode(Model), modules, compatibility, integrityKey);
    }
}
