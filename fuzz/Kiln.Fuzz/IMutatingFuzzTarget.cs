namespace Kiln.Fuzz;

/// <summary>A target that damages its seeds its own way instead of through the byte-level <see cref="Mutator"/>
/// (deterministic for a given <see cref="Random"/>, so a case replays with its seed and number).</summary>
public interface IMutatingFuzzTarget : IFuzzTarget
{
    byte[] Mutate(Random rng, byte[] seed);
}
