using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Component;
using Kiln.Compiler.Driver;
using Kiln.Component.Validation;
using Kiln.Runtime;
using RuntimeComponent = Kiln.Runtime.Component;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln run COMPONENT|ARTIFACT ARGS...</c> (a <c>wasi:cli/run</c> command) and <c>kiln run --invoke NAME
/// COMPONENT|ARTIFACT ARGS...</c>: loads the component (compiling it, or from its artifact without recompiling),
/// instantiates it with the WASI 0.2 host, then calls <c>wasi:cli/run</c>, or parses each argument from WAVE by the
/// parameter's type, calls (post-return included) and prints the result in WAVE, as <c>wasmtime run --invoke</c> does.
/// </summary>
internal static class ComponentRun
{
    /// <summary>Whether the file is a component: binary, text, or a component's artifact.</summary>
    public static bool IsComponent(string path, byte[] bytes) =>
        ComponentInput.Detect(bytes) != ComponentInput.Kind.NotComponent || (ArtifactInput.IsArtifact(bytes) && IsComponentArtifact(bytes));

    private static bool IsComponentArtifact(byte[] bytes)
    {
        try
        {
            return ComponentArtifactReader.IsComponent(ElfReader.Parse(bytes, new ElfReadOptions { ExpectedType = ElfFileType.Relocatable }));
        }
        catch (ElfFormatException)
        {
            return false; // refused as a (module) artifact later, with the reason
        }
    }

    /// <summary>Instantiates the component and calls its <c>wasi:cli/run</c>: 0 when it returns ok, 1 for err (as
    /// Wasmtime). <c>wasi:cli/exit</c> and traps surface as a <see cref="Trap"/> for the caller to turn into a status.</summary>
    public static int RunCommand(RuntimeComponent component, ComponentLinker linker, Store store, string path)
    {
        var instance = Instantiate(component, linker, store, path);
        var run = Kiln.Runtime.Wasi.Preview2.WasiPreview2.GetRun(instance)
            ?? throw new CliException($"{path}: a component that exports no wasi:cli/run@0.2.x (exports: {string.Join(", ", component.ExportNames)}); call an export with --invoke NAME");
        var result = run.Call([]);
        return result is { IsOk: true } ? ExitCodes.Success : 1;
    }

    private static ComponentInstance Instantiate(RuntimeComponent component, ComponentLinker linker, Store store, string path)
    {
        try
        {
            return linker.Instantiate(store, component);
        }
        catch (ComponentLinkException e)
        {
            throw new CliException($"{path}: {e.Message} (kiln run provides WASI 0.2: {string.Join(", ", Kiln.Runtime.Wasi.Preview2.WasiPreview2.Interfaces)}, at any 0.2.x)");
        }
    }

    /// <summary>Loads a component file; every refusal is a <see cref="CliException"/> naming the file.</summary>
    public static RuntimeComponent Load(Engine engine, string path, byte[] bytes, byte[]? key)
    {
        try
        {
            if (ArtifactInput.IsArtifact(bytes)) return RuntimeComponent.FromArtifact(engine, bytes, new ArtifactLoadOptions { IntegrityKey = key });
            if (key is not null)
                throw new CliException($"{path}: not an artifact; with {ArtifactKey.Option} only artifacts sealed by 'kiln compile {ArtifactKey.Option}' run");
            var kind = ComponentInput.Detect(bytes);
            var (model, error) = ComponentInput.TryLoad(bytes, kind);
            if (model is null) throw new CliException($"{path}: {error}");
            return RuntimeComponent.FromModel(engine, model);
        }
        catch (Exception e) when (e is ArtifactException or ComponentValidationException or ComponentTranslationException or SimdNotSupportedException or ComponentFeatureNotSupportedException)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (CompileException e)
        {
            throw new CliException($"{path}: internal compiler error: {e.Message}");
        }
    }

    /// <summary>Instantiates and calls <paramref name="name"/> (an export, or <c>INSTANCE#FUNC</c> for a function of an
    /// exported instance); prints the result in WAVE.</summary>
    public static int Invoke(RuntimeComponent component, ComponentLinker linker, Store store, string path, string name, List<string> rawArgs)
    {
        var instance = Instantiate(component, linker, store, path);
        var func = instance.GetFunc(name) ?? (name.Contains('#', StringComparison.Ordinal) ? instance.GetFunc(name.Split('#')) : null)
            ?? throw new CliException($"{path}: no exported function \"{name}\" (exports: {string.Join(", ", component.ExportNames)})");
        if (rawArgs.Count != func.ParamNames.Count)
            throw new UsageException($"\"{name}\" takes {func.ParamNames.Count} argument(s) ({func.TypeText}), {rawArgs.Count} given");
        var args = new Val[rawArgs.Count];
        for (int i = 0; i < args.Length; i++)
        {
            try
            {
                args[i] = func.ParseParameter(i, rawArgs[i]);
            }
            catch (WaveException e)
            {
                throw new UsageException($"argument {i + 1} ('{rawArgs[i]}') is not a valid {func.ParamTypeText(i)}: {e.Message}");
            }
        }
        Val? result;
        try
        {
            result = func.Call(args);
        }
        catch (ComponentTypeMismatchException e)
        {
            throw new UsageException($"argument of \"{name}\": {e.Message}");
        }
        catch (ComponentFeatureNotSupportedException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        if (result is not null)
        {
            try
            {
                Console.Out.WriteLine(Wave.Format(result));
            }
            catch (WaveException e)
            {
                throw new CliException($"{path}: the result of \"{name}\": {e.Message}");
            }
        }
        return ExitCodes.Success;
    }
}
