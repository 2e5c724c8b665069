using Kiln.Compiler.Driver;
using Kiln.Compiler.Component;
using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Component.Text.Wast;
using Kiln.Component.Validation;
using Kiln.Runtime;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

/// <summary>
/// Component directives. Kiln.Wasm's script parser captures them unparsed (<see cref="WastComponentCommand"/>)
/// and Kiln.Component parses them here. Components are decoded or parsed, validated, translated, compiled and
/// instantiated through the component runtime; actions and assertions run against the instances. What the runtime
/// cannot do yet is skipped with its reason, never passed: a call through a fused adapter (one component instance
/// calling another, part 3), async built-ins, registering component instances.
/// </summary>
public sealed partial class WastRunner
{
    internal const string ComponentRegisterReason = "register of a component instance: not yet";

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
            if (command.Keyword == "component")
            {
                Components.Current = null;
                Components.CurrentProblem = (false, "the component did not parse");
            }
            return;
        }
        switch (directive)
        {
            case ComponentWastDefine d: RunComponentDefine(command, d); break;
            case ComponentWastInstance i: RunComponentInstance(command, i); break;
            case ComponentWastAssertModule { Keyword: "assert_malformed" } a: RunComponentAssertMalformed(command, a); break;
            case ComponentWastAssertModule { Keyword: "assert_invalid" } a: RunComponentAssertInvalid(command, a); break;
            case ComponentWastAssertModule a: RunComponentAssertInstantiation(command, a); break;
            case ComponentWastActionDirective a: RunComponentAction(command, a); break;
            case ComponentWastRegister: Add(command, "register", Outcome.Skip, ComponentRegisterReason); break;
            default: Add(command, directive.Keyword, Outcome.Fail, "component directive not understood by the runner"); break;
        }
    }

    private ComponentWastState Components => _state!.Components;

    /// <summary>Why a failure is not Kiln's to pass or fail yet, or null when it is a real failure.</summary>
    private static string? SkipReason(Exception e) => e switch
    {
        ComponentFeatureNotSupportedException f => f.Message,
        ComponentTranslationException t => t.Message,
        Trap { InnerException: { } inner } => SkipReason(inner),
        SimdNotSupportedException => SimdReason,
        _ => null,
    };

    /// <summary>The component in any form, decoded or parsed (not validated).</summary>
    private static WasmComponent LoadComponent(ComponentWastModule m) => m.GetComponent(ComponentDecoder.Decode);

    private static string DescribeFailure(Exception e) => e switch
    {
        WatParseException p => $"malformed text at {p.Line}:{p.Column}: {p.Reason}",
        ComponentDecodeException d => $"malformed binary: {d.Message}",
        ComponentValidationException v => $"invalid: {v.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private bool TryCompile(WastComponentCommand command, string kind, ComponentWastModule m, out Kiln.Runtime.Component? component)
    {
        component = null;
        try
        {
            component = Kiln.Runtime.Component.FromModel(_engine, LoadComponent(m));
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = SkipReason(e);
            if (reason is not null) Add(command, kind, Outcome.Skip, reason);
            else Add(command, kind, Outcome.Fail, DescribeFailure(e));
            if (kind is "component")
            {
                Components.Current = null;
                Components.CurrentProblem = (reason is not null, reason ?? "the component did not load");
            }
            return false;
        }
    }

    private void RunComponentDefine(WastComponentCommand command, ComponentWastDefine d)
    {
        string kind = d.IsDefinitionOnly ? "component definition" : "component";
        if (!TryCompile(command, kind, d.Component, out var component)) return;
        if (d.Component.Name is { } name) Components.Definitions[name] = component!;
        if (d.IsDefinitionOnly)
        {
            Add(command, kind, Outcome.Pass, "validated and compiled");
            return;
        }
        Instantiate(command, kind, component!, d.Component.Name);
    }

    private void RunComponentInstance(WastComponentCommand command, ComponentWastInstance i)
    {
        if (!Components.Definitions.TryGetValue(i.DefinitionName, out var def))
        {
            Add(command, "component instance", Outcome.Fail, $"unknown component definition {i.DefinitionName}");
            return;
        }
        Instantiate(command, "component instance", def, i.InstanceName);
    }

    private void Instantiate(WastComponentCommand command, string kind, Kiln.Runtime.Component component, string? name)
    {
        try
        {
            var instance = Components.Linker.Instantiate(_state!.Store, component);
            Components.Current = instance;
            Components.CurrentProblem = null;
            if (name is not null) Components.Instances[name] = instance;
            Add(command, kind, Outcome.Pass, "instantiated");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Components.Current = null;
            var reason = SkipReason(e);
            Components.CurrentProblem = (reason is not null, reason ?? "the component did not instantiate");
            if (reason is not null) Add(command, kind, Outcome.Skip, reason);
            else Add(command, kind, Outcome.Fail, $"instantiation failed: {DescribeFailure(e)}");
        }
    }

    private void RunComponentAssertMalformed(WastComponentCommand command, ComponentWastAssertModule a)
    {
        const string kind = "assert_malformed";
        try
        {
            LoadComponent(a.Component);
            Add(command, kind, Outcome.Fail, $"expected malformed \"{a.Message}\": the component parsed");
        }
        catch (Exception e) when (e is WatParseException or ComponentDecodeException)
        {
            Add(command, kind, Outcome.Pass, DescribeFailure(e));
        }
    }

    private void RunComponentAssertInvalid(WastComponentCommand command, ComponentWastAssertModule a)
    {
        const string kind = "assert_invalid";
        WasmComponent model;
        try
        {
            model = LoadComponent(a.Component);
        }
        catch (ComponentDecodeException e) when (a.Component.Kind == ComponentWastModuleKind.Binary && e.Message.Contains(a.Message, StringComparison.Ordinal))
        {
            // wasmparser checks some rules while reading that Kiln's decoder checks up front; Wasmtime's runner
            // accepts any error with the text, so does this one.
            Add(command, kind, Outcome.Pass, $"rejected while decoding: {e.Message}");
            return;
        }
        catch (Exception e) when (e is WatParseException or ComponentDecodeException)
        {
            Add(command, kind, Outcome.Fail, $"expected invalid \"{a.Message}\", but the component is malformed: {DescribeFailure(e)}");
            return;
        }
        try
        {
            ComponentValidator.Validate(model);
            Add(command, kind, Outcome.Fail, $"expected invalid \"{a.Message}\": the component validated");
        }
        catch (ComponentValidationException e)
        {
            if (e.Message.Contains(a.Message, StringComparison.Ordinal)) Add(command, kind, Outcome.Pass, e.Message);
            else Add(command, kind, Outcome.Fail, $"expected \"{a.Message}\", got \"{e.Message}\"");
        }
    }

    /// <summary>assert_unlinkable, assert_uninstantiable, assert_trap of a component: it compiles, instantiation fails so.</summary>
    private void RunComponentAssertInstantiation(WastComponentCommand command, ComponentWastAssertModule a)
    {
        if (!TryCompile(command, a.Keyword, a.Component, out var component)) return;
        try
        {
            Components.Linker.Instantiate(_state!.Store, component!);
            Add(command, a.Keyword, Outcome.Fail, $"expected \"{a.Message}\": the component instantiated");
        }
        catch (ComponentLinkException e) when (a.Keyword == "assert_unlinkable")
        {
            Add(command, a.Keyword, Outcome.Pass, e.Message);
        }
        catch (Trap t) when (a.Keyword != "assert_unlinkable")
        {
            if (SkipReason(t) is { } reason) Add(command, a.Keyword, Outcome.Skip, reason);
            else if (TrapMessageMatch.Matches(t.Message, a.Message)) Add(command, a.Keyword, Outcome.Pass, t.Message);
            else Add(command, a.Keyword, Outcome.Fail, $"expected trap \"{a.Message}\", got \"{t.Message}\"");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (SkipReason(e) is { } reason) Add(command, a.Keyword, Outcome.Skip, reason);
            else Add(command, a.Keyword, Outcome.Fail, $"expected \"{a.Message}\", got {DescribeFailure(e)}");
        }
    }

    private void RunComponentAction(WastComponentCommand command, ComponentWastActionDirective d)
    {
        string kind = d.Keyword;
        var action = d.Action;
        ComponentInstance? instance = action.InstanceName is { } n
            ? Components.Instances.GetValueOrDefault(n)
            : Components.Current;
        if (instance is null && action.InstanceName is null && Components.CurrentProblem is { } problem)
        {
            Add(command, kind, problem.Skipped ? Outcome.Skip : Outcome.Fail, problem.Reason);
            return;
        }
        if (instance is null)
        {
            Add(command, kind, Outcome.Fail, action.InstanceName is { } name ? $"unknown component instance {name}" : "no component instance to act on");
            return;
        }
        if (Components.Stopped.TryGetValue(instance, out var stopped))
        {
            // An earlier call on this instance stopped midway at something not supported yet: its state (flags,
            // handles) is not what the script expects, so nothing later on it is run (neither passed nor failed).
            Add(command, kind, Outcome.Skip, stopped + " (an earlier call on this instance stopped there)");
            return;
        }
        if (action.IsGet)
        {
            Add(command, kind, Outcome.Skip, "component value exports: not yet");
            return;
        }
        var func = instance.GetFunc(action.ExportName);
        if (func is null)
        {
            Add(command, kind, Outcome.Fail, $"the instance exports no function \"{action.ExportName}\"");
            return;
        }
        Val? result;
        try
        {
            var args = new Val[action.Args.Count];
            for (int i = 0; i < args.Length; i++) args[i] = ToVal(action.Args[i]);
            result = func.Call(args);
        }
        catch (Trap t)
        {
            if (SkipReason(t) is { } reason)
            {
                Components.Stopped[instance] = reason;
                Add(command, kind, Outcome.Skip, reason);
            }
            else if (kind == "assert_trap" && TrapMessageMatch.Matches(t.Message, d.Message!)) Add(command, kind, Outcome.Pass, t.Message);
            else if (kind == "assert_trap") Add(command, kind, Outcome.Fail, $"expected trap \"{d.Message}\", got \"{t.Message}\"");
            else Add(command, kind, Outcome.Fail, $"trapped: {t.Message}");
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (SkipReason(e) is { } reason) Add(command, kind, Outcome.Skip, reason);
            else Add(command, kind, Outcome.Fail, DescribeFailure(e));
            return;
        }
        switch (kind)
        {
            case "assert_trap" or "assert_exhaustion":
                Add(command, kind, Outcome.Fail, $"expected trap \"{d.Message}\", returned {(result is null ? "nothing" : result.ToString())}");
                return;
            case "assert_return":
                if (d.Expected.Count == 0 && result is null) Add(command, kind, Outcome.Pass, "returned nothing");
                else if (d.Expected.Count == 1 && result is not null && Matches(d.Expected[0], result)) Add(command, kind, Outcome.Pass, result.ToString());
                else Add(command, kind, Outcome.Fail, $"expected {string.Join(" ", d.Expected)}, got {(result is null ? "nothing" : result.ToString())}");
                return;
            default:
                Add(command, kind, Outcome.Pass, result is null ? "returned nothing" : result.ToString());
                return;
        }
    }

    private static Val ToVal(ComponentWastValue v) => v.Kind switch
    {
        ComponentWastValueKind.Bool => Val.Bool(v.Bits != 0),
        ComponentWastValueKind.U8 => Val.U8((byte)v.Bits),
        ComponentWastValueKind.S8 => Val.S8((sbyte)v.Bits),
        ComponentWastValueKind.U16 => Val.U16((ushort)v.Bits),
        ComponentWastValueKind.S16 => Val.S16((short)v.Bits),
        ComponentWastValueKind.U32 => Val.U32((uint)v.Bits),
        ComponentWastValueKind.S32 => Val.S32((int)v.Bits),
        ComponentWastValueKind.U64 => Val.U64(v.Bits),
        ComponentWastValueKind.S64 => Val.S64((long)v.Bits),
        ComponentWastValueKind.F32 => Val.F32Bits((uint)v.Bits),
        ComponentWastValueKind.F64 => Val.F64Bits(v.Bits),
        ComponentWastValueKind.Char => Val.Char((int)v.Bits),
        ComponentWastValueKind.String => Val.String(v.Text!),
        ComponentWastValueKind.List => Val.List([.. v.Items.Select(ToVal)]),
        ComponentWastValueKind.Tuple => Val.Tuple([.. v.Items.Select(ToVal)]),
        ComponentWastValueKind.Record => Val.Record([.. v.Items.Select((item, i) => (v.Labels[i], ToVal(item)))]),
        ComponentWastValueKind.Variant => Val.Variant(v.Text!, v.Items.Count > 0 ? ToVal(v.Items[0]) : null),
        ComponentWastValueKind.Enum => Val.Enum(v.Text!),
        ComponentWastValueKind.Option => v.Items.Count > 0 ? Val.Some(ToVal(v.Items[0])) : Val.None(),
        ComponentWastValueKind.Result => v.IsOk ? Val.Ok(v.Items.Count > 0 ? ToVal(v.Items[0]) : null) : Val.Err(v.Items.Count > 0 ? ToVal(v.Items[0]) : null),
        ComponentWastValueKind.Flags => Val.Flags([.. v.Labels]),
        _ => throw new InvalidOperationException($"unknown component value kind {v.Kind}"),
    };

    /// <summary>Structural equality, except that an expected NaN matches any NaN.</summary>
    private static bool Matches(ComponentWastValue expected, Val actual)
    {
        switch (expected.Kind)
        {
            case ComponentWastValueKind.F32 when float.IsNaN(BitConverter.UInt32BitsToSingle((uint)expected.Bits)):
                return actual.Kind == ValKind.F32 && float.IsNaN(actual.AsF32());
            case ComponentWastValueKind.F64 when double.IsNaN(BitConverter.UInt64BitsToDouble(expected.Bits)):
                return actual.Kind == ValKind.F64 && double.IsNaN(actual.AsF64());
            case ComponentWastValueKind.List or ComponentWastValueKind.Tuple or ComponentWastValueKind.Record:
                if (actual.Items.Count != expected.Items.Count) return false;
                for (int i = 0; i < expected.Items.Count; i++)
                    if (!Matches(expected.Items[i], actual.Items[i])) return false;
                var outer = ToVal(expected);
                return outer.Kind == actual.Kind
                    && (expected.Kind != ComponentWastValueKind.Record || outer.Names.SequenceEqual(actual.Names));
            case ComponentWastValueKind.Option or ComponentWastValueKind.Result or ComponentWastValueKind.Variant:
            {
                var shape = ToVal(expected);
                if (shape.Kind != actual.Kind || shape.IsOk != actual.IsOk || shape.Text != actual.Text) return false;
                if (expected.Items.Count == 0) return actual.Payload is null;
                return actual.Payload is not null && Matches(expected.Items[0], actual.Payload);
            }
            default:
                return ToVal(expected).Equals(actual);
        }
    }
}
