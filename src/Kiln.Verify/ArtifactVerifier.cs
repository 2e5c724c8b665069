using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;

namespace Kiln.Verify;

/// <summary>
/// The static sandbox verifier: reads an artifact (integrity and format through the ordinary reader), then
/// disassembles and checks every function and trampoline of its code with Iced, independently of how the
/// compiler lowered anything. See README.md for the properties proved and the assumptions made.
/// </summary>
public static class ArtifactVerifier
{
    /// <summary>The first violation in the artifact's code, or null when every function verifies.</summary>
    /// <exception cref="ArtifactException">The artifact is not readable at all (integrity, format, target).</exception>
    public static Violation? FindViolation(ReadOnlyMemory<byte> artifact, ArtifactLoadOptions? options = null)
    {
        // Verification is about the code, not about this machine: accept any CPU features the artifact needs.
        options = (options ?? ArtifactLoadOptions.Default) with { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) };
        var read = ArtifactReader.Read(artifact, options);
        return FindViolation(read);
    }

    /// <summary>Same, for an artifact already read.</summary>
    public static Violation? FindViolation(Artifact artifact)
    {
        var compiled = artifact.Compiled;
        var facts = new SandboxFacts(artifact.Module, artifact.Compatibility.BuiltinCount);
        var entries = new HashSet<int>();
        foreach (var r in compiled.Ranges) entries.Add(r.Start);
        var landings = new Dictionary<int, int>(compiled.LandingSites.Length);
        foreach (var l in compiled.LandingSites) landings[l.ReturnOffset] = l.LandingOffset;
        foreach (var r in compiled.Ranges)
        {
            int values = 0;
            if (r.Kind == CodeRangeKind.EntryTrampoline && r.Index < artifact.Module.Types.Count)
            {
                var type = artifact.Module.Types[(int)r.Index];
                values = 16 * Math.Max(1, Math.Max(type.Params.Length, type.Results.Length)); // 16-byte slots
            }
            var v = new FunctionVerifier(compiled.Code, r.Start, r.Length, Describe(r), r.Kind == CodeRangeKind.Function, facts, entries, values, landings).Run();
            if (v is not null) return v;
        }
        return null;
    }

    /// <summary>Throws <see cref="VerificationException"/> naming the first violation.</summary>
    public static void Verify(ReadOnlyMemory<byte> artifact, ArtifactLoadOptions? options = null)
    {
        if (FindViolation(artifact, options) is { } v) throw new VerificationException(v);
    }

    /// <summary>How many functions and trampolines an artifact holds (for reports).</summary>
    public static int CountFunctions(Artifact artifact) => artifact.Compiled.Ranges.Length;

    private static string Describe(CodeRange r) => r.Kind switch
    {
        CodeRangeKind.Function => $"function {r.Index} ({r.Name})",
        CodeRangeKind.EntryTrampoline => $"entry trampoline {r.Index}",
        _ => $"host trampoline {r.Index}",
    };
}
