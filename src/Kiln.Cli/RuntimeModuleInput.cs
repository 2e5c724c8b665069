using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Runtime;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli;

/// <summary>
/// A file made runnable: an artifact from 'kiln compile' is loaded as is (verified, never recompiled), a module
/// (binary or text) is validated and compiled. Every failure is a <see cref="CliException"/> naming the file.
/// </summary>
public static class RuntimeModuleInput
{
    public static RuntimeModule Load(Engine engine, string path) => Load(engine, path, ModuleInput.ReadFile(path));

    /// <summary>
    /// With <paramref name="key"/>, only an artifact sealed under that key loads (a module would run code nobody
    /// vouched for); with <paramref name="verify"/>, the machine code passes the static verifier first.
    /// </summary>
    public static RuntimeModule Load(Engine engine, string path, byte[]? key, bool verify) =>
        Load(engine, path, ModuleInput.ReadFile(path), key, verify);

    /// <summary>As <see cref="Load(Engine, string, byte[], bool)"/>, for bytes already read from <paramref name="path"/>.</summary>
    public static RuntimeModule Load(Engine engine, string path, byte[] bytes, byte[]? key, bool verify)
    {
        if (key is null && !verify) return Load(engine, path, bytes);
        bool artifact = ArtifactInput.LooksLikeArtifact(path, bytes);
        if (key is not null && !artifact)
            throw new CliException($"{path}: not an artifact; with {ArtifactKey.Option} only artifacts sealed by 'kiln compile {ArtifactKey.Option}' run");
        try
        {
            var options = new ArtifactLoadOptions { IntegrityKey = key };
            if (!artifact)
                bytes = ArtifactCompiler.Compile(ModuleInput.LoadValid(path, bytes), ModuleCompilerOptions.Default with
                {
                    Threads = engine.Config.CompilationThreads,
                    CompileTimeout = engine.Config.CompileTimeout,
                    MaxCompileMemory = engine.Config.MaxCompileMemory,
                });
            if (verify) ArtifactVerification.Check(path, bytes, options);
            return RuntimeModule.FromArtifact(engine, bytes, options);
        }
        catch (ArtifactException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (CompileException e)
        {
            throw new CliException($"{path}: internal compiler error: {e.Message}");
        }
        catch (SimdNotSupportedException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (CompileBudgetExceededException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }

    /// <summary>Loads bytes already read from <paramref name="path"/> (so a caller can time this step alone).</summary>
    public static RuntimeModule Load(Engine engine, string path, byte[] bytes)
    {
        try
        {
            if (ArtifactInput.LooksLikeArtifact(path, bytes)) return RuntimeModule.FromArtifact(engine, bytes);
            if (ComponentInput.Detect(bytes) != ComponentInput.Kind.NotComponent) throw new CliException(ComponentInput.RunRefusal(path));
            return RuntimeModule.Compile(engine, ModuleInput.LoadValid(path, bytes));
        }
        catch (ArtifactException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (SimdNotSupportedException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (CompileBudgetExceededException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (CompileException e)
        {
            throw new CliException($"{path}: internal compiler error: {e.Message}");
        }
    }
}
