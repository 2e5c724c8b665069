namespace Kiln.Fuzz;

/// <summary>What a fuzzing run feeds: its seeds, and how one input is run. <see cref="Run"/> counts outcomes in
/// the result and returns a failure kind and detail (null when the case ended as allowed); an exception it lets
/// escape is a crash.</summary>
public interface IFuzzTarget
{
    List<byte[]> BuildSeeds();

    /// <summary>Whether a seed is a valid input (every built seed should be).</summary>
    bool IsValid(byte[] input);

    (string? Kind, string? Detail) Run(byte[] input, FuzzResult result);
}
