using System.Text.Json;

namespace Kiln.DiffFuzz;

/// <summary>Saves a mismatch: the generated and prepared modules, the call specs, each engine's events and the verdict.</summary>
internal static class Finding
{
    public static string Save(string outDir, string name, byte[] original, string? wat, byte[] prepared, List<CallSpec> calls,
        Outcome[] outcomes, Verdict verdict)
    {
        string dir = Path.Combine(outDir, name);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "original.wasm"), original);
        if (wat is not null) File.WriteAllText(Path.Combine(dir, "original.wat"), wat);
        File.WriteAllBytes(Path.Combine(dir, "prepared.wasm"), prepared);
        File.WriteAllText(Path.Combine(dir, "specs.json"), JsonSerializer.Serialize(calls));
        foreach (var o in outcomes)
            File.WriteAllLines(Path.Combine(dir, o.Engine + ".txt"), [$"status: {o.Status} {o.Detail}", .. o.Events]);
        File.WriteAllText(Path.Combine(dir, "verdict.txt"),
            $"{(verdict.Explained ? "explained" : "UNEXPLAINED")} {verdict.Signature}\n{verdict.Detail}\n" +
            string.Join('\n', calls.Select(c => $"{c.Export}: {c.Description}")) + "\n");
        return dir;
    }

}
