namespace Kiln.Compiler.Artifacts;

/// <summary>A verified, compatible component artifact: the component's binary (the plan is derived from it) and
/// its core modules' artifacts in plan order, each still to be read (and checked) by <see cref="ArtifactReader"/>.</summary>
public sealed record ComponentArtifact(EngineCompatibility Compatibility, ReadOnlyMemory<byte> ComponentBinary, IReadOnlyList<ReadOnlyMemory<byte>> ModuleArtifacts);
