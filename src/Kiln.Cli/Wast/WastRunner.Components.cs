using Kiln.Component.Text.Wast;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

/// <summary>
/// Component directives. Kiln.Wasm's script parser captures them unparsed (<see cref="WastComponentCommand"/>)
/// and Kiln.Component parses them here. The runner does what the component front end can today — parse
/// definitions, check that malformed text is rejected — and reports everything else as skipped with its
/// reason: execution (instantiation, invoke, assert_return/trap, register, unlinkable) until the component
/// runtime exists, validation (assert_invalid) until the component validator is merged, binary forms until
/// the component decoder is merged. Nothing unchecked is ever reported as passed.
/// </summary>
public sealed partial class WastRunner
{
    internal const string ComponentExecutionReason = "component execution: not yet";
    internal const string ComponentValidationReason = "component validation: not yet (the validator is not merged)";
    internal const string ComponentDecodingReason = "component binary decoding: not yet (the decoder is not merged)";

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
        if (!TryGetComponent(d.Component, out string? problem, out bool skipped))
        {
            Add(command, kind, skipped ? Outcome.Skip : Outcome.Fail, problem!);
            return;
        }
        // A definition is checked as far as the front end goes today; instantiating one needs the runtime.
        if (d.IsDefinitionOnly) Add(command, kind, Outcome.Pass, "parsed (validation not yet: the component validator is not merged)");
        else Add(command, kind, Outcome.Skip, $"parsed; {ComponentExecutionReason}");
    }

    private void RunComponentAssertMalformed(WastComponentCommand command, ComponentWastAssertModule a)
    {
        const string kind = "assert_malformed";
        if (a.Component.Kind == ComponentWastModuleKind.Binary)
        {
            Add(command, kind, Outcome.Skip, ComponentDecodingReason);
            return;
        }
        if (TryGetComponent(a.Component, out string? problem, out _))
            Add(command, kind, Outcome.Fail, $"expected malformed \"{a.Message}\": the component parsed");
        else
            Add(command, kind, Outcome.Pass, problem!);
    }

    private void RunComponentAssertModule(WastComponentCommand command, ComponentWastAssertModule a)
    {
        if (!TryGetComponent(a.Component, out string? problem, out bool skipped))
        {
            Add(command, a.Keyword, skipped ? Outcome.Skip : Outcome.Fail,
                skipped ? problem! : $"expected \"{a.Message}\", but the component is malformed: {problem}");
            return;
        }
        Add(command, a.Keyword, Outcome.Skip, a.Keyword == "assert_invalid" ? ComponentValidationReason : ComponentExecutionReason);
    }

    /// <summary>The component in text or quote form, parsed; binary forms wait for the decoder (<paramref name="skipped"/>).</summary>
    private static bool TryGetComponent(ComponentWastModule m, out string? problem, out bool skipped)
    {
        skipped = false;
        problem = null;
        if (m.Kind == ComponentWastModuleKind.Binary)
        {
            skipped = true;
            problem = ComponentDecodingReason;
            return false;
        }
        try
        {
            m.GetComponent(static _ => throw new InvalidOperationException("binary forms are handled above"));
            return true;
        }
        catch (WatParseException e)
        {
            problem = $"malformed text at {e.Line}:{e.Column}: {e.Reason}";
            return false;
        }
    }
}
