using Kiln.Compiler.Driver;
using Kiln.Runtime;
using Kiln.Wasm;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;
using Kiln.Wasm.Validation;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli.Wast;

/// <summary>
/// Runs the directives of .wast scripts: decodes, validates, compiles and instantiates modules, and executes
/// actions and assertions against them. Each file gets a fresh store (with the <c>spectest</c> host module)
/// whose memory and code are freed when the file is done. A directive that needs SIMD is skipped with that
/// reason, never passed.
/// </summary>
public sealed partial class WastRunner(WastReport report) : IDisposable
{
    internal const string SimdReason = "SIMD not supported yet";

    private readonly Engine _engine = new();
    private readonly WastValues _values = new();
    private string _file = "";
    private FileState? _state;

    public void RunFile(string path)
    {
        _file = path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Add(new(path, 0, "script", Outcome.Fail, $"cannot read: {e.Message}"));
            return;
        }
        WastScript script;
        try
        {
            script = WastParser.Parse(text, path);
        }
        catch (WatParseException e)
        {
            report.Add(new(path, e.Line, "script", Outcome.Fail, $"script does not parse: {e.Message} (column {e.Column})"));
            return;
        }
        using var state = new FileState(_engine);
        _state = state;
        try
        {
            foreach (var command in script.Commands) Run(command);
        }
        finally
        {
            _state = null;
        }
    }

    public void Dispose() => _state?.Dispose();

    private void Run(WastCommand command)
    {
        switch (command)
        {
            case WastModuleCommand m:
                RunModule(m);
                break;
            case WastAssertMalformed a:
                RunAssertMalformed(a);
                break;
            case WastAssertInvalid a:
                RunAssertInvalid(a);
                break;
            case WastAssertUnlinkable a:
                RunAssertUnlinkable(a);
                break;
            case WastAssertUninstantiable a:
                RunAssertModuleTraps(a, "assert_uninstantiable", a.Module, a.Message);
                break;
            case WastAssertTrap { Module: { } module } a:
                RunAssertModuleTraps(a, "assert_trap", module, a.Message);
                break;
            case WastAssertTrap a:
                RunAssertTrap(a);
                break;
            case WastAssertReturn a:
                RunAssertReturn(a);
                break;
            case WastAssertExhaustion a:
                RunAssertExhaustion(a);
                break;
            case WastAssertException a:
                RunAssertException(a);
                break;
            case WastActionCommand a:
                RunAction(a);
                break;
            case WastRegisterCommand r:
                RunRegister(r);
                break;
            case WastComponentCommand c:
                RunComponent(c);
                break;
            default:
                Add(command, command.GetType().Name, Outcome.Fail, "directive not understood by the runner");
                break;
        }
    }

    /// <summary>A module must decode (or parse), validate, survive encode/decode unchanged (text), compile and instantiate.</summary>
    private void RunModule(WastModuleCommand command)
    {
        var def = command.Module;
        var state = _state!;
        WastModuleEntry entry;
        if (!TryGetModule(def, out var module, out string? error))
        {
            entry = new(null, null, $"the module did not load: {error}");
            Add(command, "module", Outcome.Fail, error!);
        }
        else if (!TryValidate(module!, out error))
        {
            entry = new(null, null, $"the module is invalid: {error}");
            Add(command, "module", Outcome.Fail, $"invalid: {error}");
        }
        else if (def.Kind != WastModuleKind.Binary && RoundTripDifference(module!) is { } difference)
        {
            entry = new(null, null, "the module did not round-trip");
            Add(command, "module", Outcome.Fail, $"text module changed in an encode/decode round trip: {difference}");
        }
        else
        {
            var outcome = Instantiate(module!, out var instance);
            switch (outcome.Kind)
            {
                case InstantiateKind.Ok:
                    entry = new(instance, null, null);
                    Add(command, "module", Outcome.Pass, "instantiated");
                    break;
                case InstantiateKind.Simd:
                    entry = new(null, SimdReason, null);
                    Add(command, "module", Outcome.Skip, SimdReason);
                    break;
                default:
                    entry = new(null, null, $"the module failed to instantiate: {outcome.Message}");
                    Add(command, "module", Outcome.Fail, outcome.Message);
                    break;
            }
        }
        state.Current = entry;
        if (def.Name is { } name) state.Named[name] = entry;
    }

    private void RunRegister(WastRegisterCommand r)
    {
        var state = _state!;
        if (!TryResolve(r.ModuleName, out var entry, out string? problem))
        {
            Add(r, "register", Outcome.Fail, problem!);
            return;
        }
        if (entry!.SkipReason is { } skip)
        {
            Add(r, "register", Outcome.Skip, skip);
            return;
        }
        if (entry.Instance is null)
        {
            Add(r, "register", Outcome.Fail, entry.FailReason ?? "no instance");
            return;
        }
        state.Linker.DefineInstance(r.As, entry.Instance);
        Add(r, "register", Outcome.Pass, $"registered as \"{r.As}\"");
    }

    private void RunAssertMalformed(WastAssertMalformed a)
    {
        // Malformed means rejected by the decoder or the text parser; a validation error is the wrong stage.
        if (!TryGetModule(a.Module, out var module, out string? error))
        {
            Add(a, "assert_malformed", Outcome.Pass, error!);
            return;
        }
        string detail = TryValidate(module!, out string? invalid)
            ? "the module decoded and validated"
            : $"the module decoded but is invalid instead ({invalid})";
        Add(a, "assert_malformed", Outcome.Fail, $"expected malformed \"{a.Message}\": {detail}");
    }

    private void RunAssertInvalid(WastAssertInvalid a)
    {
        if (!TryGetModule(a.Module, out var module, out string? error))
        {
            Add(a, "assert_invalid", Outcome.Fail, $"expected invalid \"{a.Message}\", but the module is malformed: {error}");
            return;
        }
        if (TryValidate(module!, out error))
        {
            Add(a, "assert_invalid", Outcome.Fail, $"expected invalid \"{a.Message}\", but the module validated");
            return;
        }
        Add(a, "assert_invalid", Outcome.Pass, error!);
    }

    private void RunAssertUnlinkable(WastAssertUnlinkable a)
    {
        const string kind = "assert_unlinkable";
        if (!TryGetValidModule(a, kind, a.Module, out var module)) return;
        var outcome = Instantiate(module!, out _);
        switch (outcome.Kind)
        {
            case InstantiateKind.Unlinkable:
                Add(a, kind, Outcome.Pass, outcome.Message);
                break;
            case InstantiateKind.Simd:
                Add(a, kind, Outcome.Skip, SimdReason);
                break;
            case InstantiateKind.Ok:
                Add(a, kind, Outcome.Fail, $"expected unlinkable \"{a.Message}\", but the module instantiated");
                break;
            default:
                Add(a, kind, Outcome.Fail, $"expected unlinkable \"{a.Message}\", got: {outcome.Message}");
                break;
        }
    }

    /// <summary>assert_trap and assert_uninstantiable of a module: linking succeeds, then instantiation traps.</summary>
    private void RunAssertModuleTraps(WastCommand a, string kind, WastModuleDefinition def, string message)
    {
        if (!TryGetValidModule(a, kind, def, out var module)) return;
        var outcome = Instantiate(module!, out _);
        switch (outcome.Kind)
        {
            case InstantiateKind.Trapped when TrapMessageMatch.Matches(outcome.Message, message):
                Add(a, kind, Outcome.Pass, outcome.Message);
                break;
            case InstantiateKind.Trapped:
                Add(a, kind, Outcome.Fail, $"expected trap \"{message}\", got trap \"{outcome.Message}\"");
                break;
            case InstantiateKind.Simd:
                Add(a, kind, Outcome.Skip, SimdReason);
                break;
            case InstantiateKind.Ok:
                Add(a, kind, Outcome.Fail, $"expected trap \"{message}\", but the module instantiated");
                break;
            default:
                Add(a, kind, Outcome.Fail, $"expected trap \"{message}\", got: {outcome.Message}");
                break;
        }
    }

    private bool TryGetValidModule(WastCommand command, string kind, WastModuleDefinition def, out WasmModule? module)
    {
        if (!TryGetModule(def, out module, out string? error) || !TryValidate(module!, out error))
        {
            Add(command, kind, Outcome.Fail, $"the module must be valid: {error}");
            return false;
        }
        return true;
    }

    private string? RoundTripDifference(WasmModule module)
    {
        try
        {
            return ModuleComparer.FirstDifference(module, ModuleDecoder.Decode(ModuleEncoder.Encode(module), Features));
        }
        catch (WasmDecodeException e)
        {
            return $"the encoded binary does not decode: {e.Message}";
        }
    }

    private bool TryGetModule(WastModuleDefinition def, out WasmModule? module, out string? error)
    {
        try
        {
            module = def.GetModule(b => ModuleDecoder.Decode(b, Features));
            error = null;
            return true;
        }
        catch (WasmDecodeException e)
        {
            (module, error) = (null, $"malformed: {e.Message}");
        }
        catch (WatParseException e)
        {
            (module, error) = (null, $"malformed text at {e.Line}:{e.Column}: {e.Message}");
        }
        return false;
    }

    private bool TryValidate(WasmModule module, out string? error)
    {
        try
        {
            ModuleValidator.Validate(module, Features);
            error = null;
            return true;
        }
        catch (WasmValidationException e)
        {
            error = e.Message;
            return false;
        }
    }

    private enum InstantiateKind
    {
        Ok,
        Simd,
        Unlinkable,
        Trapped,
        Error,
    }

    private readonly record struct InstantiateOutcome(InstantiateKind Kind, string Message);

    /// <summary>Compiles (once per module object) and instantiates in the file's store.</summary>
    private InstantiateOutcome Instantiate(WasmModule module, out Instance? instance)
    {
        instance = null;
        var state = _state!;
        RuntimeModule compiled;
        try
        {
            compiled = ViaArtifacts ? CompileViaArtifact(module) : RuntimeModule.Compile(_engine, module);
        }
        catch (SimdNotSupportedException)
        {
            return new(InstantiateKind.Simd, SimdReason);
        }
        catch (Exception e)
        {
            return new(InstantiateKind.Error, $"compilation failed: {Describe(e)}");
        }
        state.Modules.Add(compiled);
        try
        {
            instance = state.Linker.Instantiate(state.Store, compiled);
            return new(InstantiateKind.Ok, "");
        }
        catch (LinkException e)
        {
            return new(InstantiateKind.Unlinkable, e.Message);
        }
        catch (Trap t)
        {
            return new(InstantiateKind.Trapped, t.Message);
        }
        catch (Exception e)
        {
            return new(InstantiateKind.Error, $"instantiation failed: {Describe(e)}");
        }
    }

    /// <summary>Compile every module to an artifact in memory and load it back instead of compiling straight into
    /// memory (<c>kiln wast --artifacts</c>): the results must not differ.</summary>
    public bool ViaArtifacts { get; init; }

    /// <summary>The proposals the decoder and validator accept (Wasm 2.0's spec suite needs <see cref="WasmFeatures.Wasm2"/>:
    /// later proposals made some of its malformed and invalid modules legal).</summary>
    public WasmFeatures Features { get; init; } = WasmFeatures.Default;

    private RuntimeModule CompileViaArtifact(WasmModule module)
    {
        var options = ModuleCompilerOptions.Default with { Features = Targets.Host.HostFeatures() & Targets.Host.DefaultFeatures };
        return RuntimeModule.FromArtifact(_engine, Kiln.Compiler.Artifacts.ArtifactCompiler.Compile(module, options));
    }

    internal static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private void Add(WastCommand c, string kind, Outcome outcome, string message) =>
        report.Add(new(_file, c.Line, kind, outcome, message));
}
