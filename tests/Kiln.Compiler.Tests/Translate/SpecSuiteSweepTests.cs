using Kiln.Compiler.Driver;
using System.Text;
using Kiln.Compiler.Translate;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Passes;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Wast;
using Kiln.Wasm.Validation;
using Xunit.Abstractions;

namespace Kiln.Compiler.Tests.Translate;

/// <summary>
/// Translates, verifies and optimizes (verifying after every pass) every function of every valid module
/// of the local spec testsuite (KILN_SPEC_TESTSUITE; never committed). CI has no suite
/// and excludes the category; run it with <c>--filter Category=SpecSuite</c>.
/// </summary>
public sealed class SpecSuiteSweepTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "SpecSuite")]
    public void EveryFunctionOfTheSpecSuiteTranslatesAndVerifies()
    {
        string dir = Environment.GetEnvironmentVariable("KILN_SPEC_TESTSUITE") ?? "";
        Assert.True(Directory.Exists(dir), $"spec testsuite not found at '{dir}' (set KILN_SPEC_TESTSUITE)");
        var files = Directory.GetFiles(dir, "*.wast");
        Assert.NotEmpty(files);
        Array.Sort(files, StringComparer.Ordinal);

        int modules = 0, functions = 0, refused = 0, trampolines = 0;
        var failures = new List<string>();
        foreach (var file in files)
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
                if (def is null || !TryLoadValid(def, out var module))
                {
                    continue;
                }
                modules++;
                Sweep(module, $"{Path.GetFileName(file)}:{cmd.Line}", ref functions, ref refused, ref trampolines, failures);
            }
        }
        Assert.True(files.Length >= 100 && modules > 0 && functions > 0,
            $"'{dir}' is not the spec testsuite: {files.Length} .wast files, {modules} valid modules, {functions} functions");
        var summary = $"{files.Length} files, {modules} valid modules: {functions} functions translated, verified and optimized; " +
                      $"{refused} refused (SIMD); {trampolines} trampolines; {failures.Count} failures";
        output.WriteLine(summary);
        var sb = new StringBuilder(summary);
        for (int i = 0; i < Math.Min(failures.Count, 30); i++)
        {
            sb.Append('\n').Append(failures[i]);
        }
        Assert.True(failures.Count == 0, sb.ToString());
    }

    private static bool TryLoadValid(WastModuleDefinition def, out WasmModule module)
    {
        module = null!;
        try
        {
            module = def.GetModule(bytes => ModuleDecoder.Decode(bytes));
            ModuleValidator.Validate(module);
            return true;
        }
        catch (Exception e) when (e is WasmDecodeException or WasmValidationException or Kiln.Wasm.Text.WatParseException)
        {
            return false;
        }
    }

    private static void Sweep(WasmModule module, string where, ref int functions, ref int refused, ref int trampolines, List<string> failures)
    {
        var env = new ModuleEnvironment(module, new VmContextLayout(module));
        var translator = new FunctionTranslator(env);
        var passes = PassManager.Default(verify: true);
        for (int i = 0; i < module.Codes.Count; i++)
        {
            uint index = (uint)(module.ImportedFunctionCount + i);
            try
            {
                var f = translator.Translate(index);
                var errors = Verifier.Verify(f);
                if (errors.Count > 0)
                {
                    failures.Add($"{where} func {index}: {errors[0]}");
                    continue;
                }
                passes.Run(f);
                functions++;
            }
            catch (SimdNotSupportedException)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"{where} func {index}: {e.GetType().Name}: {e.Message}");
            }
        }
        foreach (var type in module.Types)
        {
            if (Array.IndexOf(type.Params, ValType.V128) >= 0 || Array.IndexOf(type.Results, ValType.V128) >= 0)
            {
                continue;
            }
            foreach (var t in (Function[])[TrampolineBuilder.HostToWasm("entry", type), TrampolineBuilder.WasmToHost("host", type)])
            {
                var errors = Verifier.Verify(t);
                if (errors.Count > 0)
                {
                    failures.Add($"{where} trampoline {type}: {errors[0]}");
                }
                trampolines++;
            }
        }
    }
}
