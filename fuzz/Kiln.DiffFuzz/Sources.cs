namespace Kiln.DiffFuzz;

/// <summary>Where modules come from: binaryen's <c>wasm-opt -ttf</c> on random bytes, or <see cref="WatGenerator"/> through wat2wasm.</summary>
internal static class Sources
{
    /// <summary>Wasm 2.0 without SIMD. binaryen 108 writes non-nullable typed references into block types once
    /// reference types are on (invalid for Wasm 2.0 engines), so those are off here and come from our generator.</summary>
    public static readonly string[] TtfFeatures =
    [
        "--enable-sign-ext", "--enable-mutable-globals", "--enable-nontrapping-float-to-int", "--enable-bulk-memory",
        "--enable-multivalue", "--disable-reference-types", "--disable-simd", "--disable-threads", "--disable-gc",
        "--disable-exception-handling", "--disable-tail-call", "--disable-memory64", "--disable-typed-function-references",
        "--disable-relaxed-simd", "--disable-extended-const",
    ];

    public static byte[]? Ttf(Random rng, string dir, TimeSpan timeout)
    {
        var input = new byte[rng.Next(512, 24 * 1024)];
        rng.NextBytes(input);
        string inPath = Path.Combine(dir, "ttf.dat"), outPath = Path.Combine(dir, "ttf.wasm");
        File.WriteAllBytes(inPath, input);
        File.Delete(outPath);
        var r = ProcessRunner.Run("wasm-opt", ["-ttf", inPath, "-o", outPath, .. TtfFeatures], timeout);
        return r.ExitCode == 0 && File.Exists(outPath) ? File.ReadAllBytes(outPath) : null;
    }

    public static (byte[]? Wasm, string Wat) Own(Random rng, string dir, TimeSpan timeout)
    {
        string wat = new WatGenerator(rng).Generate();
        string watPath = Path.Combine(dir, "own.wat"), outPath = Path.Combine(dir, "own.wasm");
        File.WriteAllText(watPath, wat);
        File.Delete(outPath);
        var r = ProcessRunner.Run("wat2wasm", [watPath, "-o", outPath], timeout);
        return (r.ExitCode == 0 && File.Exists(outPath) ? File.ReadAllBytes(outPath) : null, r.ExitCode == 0 ? wat : wat + "\n;; wat2wasm: " + r.Stderr);
    }
}
