using Kiln.Component.Text.Wast;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

/// <summary>
/// Component directives. Kiln.Wasm's script parser captures them unparsed (<see cref="WastComponentCommand"/>)
/// and Kiln.Component parses them here. The runner does what the component front end can today — parse
/// definitions, check that malformed text is rejected — and reports everything else as skipped with its
/// reason: execution (instantiation, invoke, assert_return/trap, register, unlinkable) until the component
/// runtime exists. Binary forms go through the component decoder, definitions and assert_invalid through the
/// component validator. Nothing unchecked is ever reported as passed.
/// </summary>
public sealed partial class WastRunner
{
    internal const string ComponentExecutionReason = "component execution: not yet";

    private void RunComponent(WastComponentCommand command)
    {
        ComponentWastDirective directive;
        try
        {
            directive = ComponentWastParser.Parse(command);
        }
        catch (WatParseException e)
        {
            Add(command, command.Keyword, Outcome.Fail, $"component directive does not parse at {e.Line}:{e.Column}: {e.Reason}");
            return;
        }
        switch (directive)
        {
            case ComponentWastDefine d:
                RunComponentDefine(command, d);
                break;
            case ComponentWastAssertModule { Keyword: "assert_malformed" } a:
                RunComponentAssertMalformed(command, a);
                break;
            case ComponentWastAssertModule a:
                RunComponentAssertModule(command, a);
                break;
            default:
                // component instance, invoke/get, assert_return, assert_trap, assert_exhaustion, register.
                Add(command, directive.Keyword, Outcome.Skip, ComponentExecutionReason);
                break;
        }
    }

    private void RunComponentDefine(WastComponentCommand command, ComponentWastDefine d)
    {
        string kind = d.IsDefinitionOnly ? "component definition" : "component";
        if (!TryGetComponent(d.Component, out string? problem, out var component))
        {
            Add(command, kind, Outcome.Fail, problem!);
            return;
        }
        if (Validate(component!) is { } invalid)
        {
            Add(command, kind, Outcome.Fail, $"component is invalid: {invalid}");
            return;
        }
        // A definition is checked as far as the front end goes today; instantiating one needs the runtime.
        if (d.IsDefinitionOnly) Add(command, kind, Outcome.Pass, "parsed and validated");
        else Add(command, kind, Outcome.Skip, $"parsed and validated; {ComponentExecutionReason}");
    }

    private void RunComponentAssertMalformed(WastComponentCommand command, ComponentWastAssertModule a)
    {
        const string kind = "assert_malformed";
        if (TryGetComponent(a.Component, out string? problem, out _))
            Add(command, kind, Outcome.Fail, $"expected malformed \"{a.Message}\": the component parsed");
        else
            Add(command, kind, Outcome.Pass, problem!);
    }

    private void RunComponentAssertModule(WastComponentCommand command, ComponentWastAssertModule a)
    {
        if (!TryGetComponent(a.Component, out string? problem, out var component))
        {
            // wasmparser decodes and validates in one pass, so the reference tests file some errors it finds while
            // decoding a binary under assert_invalid; the decoder reports them in its words.
            if (a.Keyword == "assert_invalid" && a.Component.Kind == ComponentWastModuleKind.Binary && problem!.Contains(a.Message, StringComparison.Ordinal))
            {
                Add(command, a.Keyword, Outcome.Pass, problem);
                return;
            }
            Add(command, a.Keyword, Outcome.Fail, $"expected \"{a.Message}\", but the component is malformed: {problem}");
            return;
        }
        string? invalid = Validate(component!);
        if (a.Keyword != "assert_invalid")
        {
            // assert_unlinkable's subject must itself be valid; linking it needs the runtime.
            if (invalid is not null) Add(command, a.Keyword, Outcome.Fail, $"component is invalid: {invalid}");
            else Add(command, a.Keyword, Outcome.Skip, $"validated; {ComponentExecutionReason}");
            return;
        }
        if (invalid is null) Add(command, a.Keyword, Outcome.Fail, $"expected invalid \"{a.Message}\": the component validated");
        else if (!invalid.Contains(a.Message, StringComparison.Ordinal))
            Add(command, a.Keyword, Outcome.Fail, $"expected invalid \"{a.Message}\", got \"{invalid}\"");
        else Add(command, a.Keyword, Outcome.Pass, invalid);
    }

    /// <summary>The component in any form: text parsed, quote parsed now, binary decoded.</summary>
    private static bool TryGetComponent(ComponentWastModule m, out string? problem, out Kiln.Component.Model.WasmComponent? component)
    {
        problem = null;
        component = null;
        try
        {
            component = m.GetComponent(static bytes => Kiln.Component.Binary.ComponentDecoder.Decode(bytes));
            return true;
        }
        catch (Kiln.Component.Binary.ComponentDecodeException e)
        {
            problem = $"malformed: {e.Message}";
            return false;
        }
        catch (WatParseException e)
        {
            problem = $"malformed text at {e.Line}:{e.Column}: {e.Reason}";
            return false;
        }
    }

    /// <summary>Null when the component validates, else the validator's message (wasmparser's wording).</summary>
    private static string? Validate(Kiln.Component.Model.WasmComponent component)
    {
        try
        {
            Kiln.Component.Validation.ComponentValidator.Validate(component);
            return null;
        }
        catch (Kiln.Component.Validation.ComponentValidationException e) { return e.Message; }
    }
}
