using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Wast;
using Kiln.Wasm.Validation;

namespace Kiln.Verify.Tests;

/// <summary>Every valid, SIMD-free module of .wast scripts, compiled to an artifact, put through the verifier.</summary>
internal static class ScriptModules
{
    public sealed record Report(int Modules, int Functions, int Simd, List<string> Failures);

    public static Report VerifyAll(IEnumerable<string> files)
    {
        int modules = 0, functions = 0, simd = 0;
        var failures = new List<string>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var script = WastParser.Parse(File.ReadAllText(file), Path.GetFileName(file));
            foreach (var cmd in script.Commands)
            {
                var def = cmd switch
                {
                    WastModuleCommand m => m.Module,
                    WastAssertTrap { Module: { } m } => m,
                    WastAssertUninstantiable u => u.Module,
                    WastAssertUnlinkable u => u.Module,
                    _ => null,
                };
                if (def is null || !TryLoadValid(def, out var module)) continue;
                string where = $"{Path.GetFileName(file)}:{cmd.Line}";
                byte[] artifact;
                try
                {
                    artifact = ArtifactCompiler.Compile(module, ModuleCompilerOptions.Default with { Threads = 1 });
                }
                catch (SimdNotSupportedException)
                {
                    simd++;
                    continue;
                }
                modules++;
                var read = ArtifactReader.Read(artifact, new ArtifactLoadOptions { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) });
                functions += ArtifactVerifier.CountFunctions(read);
                if (ArtifactVerifier.FindViolation(read) is { } v) failures.Add($"{where}: {v}");
            }
        }
        return new Report(modules, functions, simd, failures);
    }

    private static bool TryLoadValid(WastModuleDefinition def, out WasmModule module)
    {
        module = null!;
        try
        {
            module = def.GetModule(bytes => ModuleDecoder.Decode(bytes));
            module.CountImports();
            ModuleValidator.Validate(module);
            return true;
        }
        catch (Exception e) when (e is WasmDecodeException or WasmValidationException or Kiln.Wasm.Text.WatParseException)
        {
            return false;
        }
    }
}
