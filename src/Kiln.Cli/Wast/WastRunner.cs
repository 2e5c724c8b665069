using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;
using Kiln.Wasm.Validation;

namespace Kiln.Cli.Wast;

/// <summary>
/// Runs the directives of .wast scripts. Today it decides what the front end can — module decoding,
/// validation and text round trips, <c>assert_malformed</c>, <c>assert_invalid</c> — and reports
/// everything that needs execution as skipped with the reason, never as passed.
/// </summary>
public sealed class WastRunner(WastReport report)
{
    private const string NeedsExecution = "needs execution (code generation is not implemented yet)";
    private const string NeedsInstantiation = "needs instantiation (code generation is not implemented yet)";

    private string _file = "";

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
        foreach (var command in script.Commands) Run(command);
    }

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
                RunNeedsValidModule(a, "assert_unlinkable", a.Module, "needs linking (code generation is not implemented yet)");
                break;
            case WastAssertUninstantiable a:
                RunNeedsValidModule(a, "assert_uninstantiable", a.Module, NeedsInstantiation);
                break;
            case WastAssertTrap { Module: { } module } a:
                RunNeedsValidModule(a, "assert_trap", module, NeedsInstantiation);
                break;
            case WastAssertTrap a:
                Add(a, "assert_trap", Outcome.Skip, NeedsExecution);
                break;
            case WastAssertReturn a:
                Add(a, "assert_return", Outcome.Skip, NeedsExecution);
                break;
            case WastAssertExhaustion a:
                Add(a, "assert_exhaustion", Outcome.Skip, NeedsExecution);
                break;
            case WastActionCommand a:
                Add(a, a.Action.Kind == WastActionKind.Get ? "get" : "invoke", Outcome.Skip, NeedsExecution);
                break;
            case WastRegisterCommand r:
                Add(r, "register", Outcome.Skip, NeedsInstantiation);
                break;
            default:
                Add(command, command.GetType().Name, Outcome.Fail, "directive not understood by the runner");
                break;
        }
    }

    /// <summary>A module must decode (or parse), validate, and — for text — survive encode/decode unchanged.</summary>
    private void RunModule(WastModuleCommand command)
    {
        var def = command.Module;
        if (!TryGetModule(def, out var module, out string? error))
        {
            Add(command, "module", Outcome.Fail, error!);
            return;
        }
        if (!TryValidate(module!, out error))
        {
            Add(command, "module", Outcome.Fail, $"invalid: {error}");
            return;
        }
        if (def.Kind != WastModuleKind.Binary)
        {
            string? difference;
            try
            {
                difference = ModuleComparer.FirstDifference(module!, ModuleDecoder.Decode(ModuleEncoder.Encode(module!)));
            }
            catch (WasmDecodeException e)
            {
                difference = $"the encoded binary does not decode: {e.Message}";
            }
            if (difference is not null)
            {
                Add(command, "module", Outcome.Fail, $"text module changed in an encode/decode round trip: {difference}");
                return;
            }
        }
        Add(command, "module", Outcome.Pass, "decoded and validated");
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

    /// <summary>For directives whose module must be valid before the part that needs execution.</summary>
    private void RunNeedsValidModule(WastCommand command, string kind, WastModuleDefinition def, string skipReason)
    {
        if (!TryGetModule(def, out var module, out string? error) || !TryValidate(module!, out error))
        {
            Add(command, kind, Outcome.Fail, $"the module must be valid: {error}");
            return;
        }
        Add(command, kind, Outcome.Skip, skipReason);
    }

    private static bool TryGetModule(WastModuleDefinition def, out Module? module, out string? error)
    {
        try
        {
            module = def.GetModule(b => ModuleDecoder.Decode(b));
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

    private static bool TryValidate(Module module, out string? error)
    {
        try
        {
            ModuleValidator.Validate(module);
            error = null;
            return true;
        }
        catch (WasmValidationException e)
        {
            error = e.Message;
            return false;
        }
    }

    private void Add(WastCommand c, string kind, Outcome outcome, string message) =>
        report.Add(new(_file, c.Line, kind, outcome, message));
}
