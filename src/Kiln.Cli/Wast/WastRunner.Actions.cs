using Kiln.Runtime;
using Kiln.Wasm.Model;
using TrapCode = Kiln.Runtime.TrapCode;
using Global = Kiln.Runtime.Global;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

public sealed partial class WastRunner
{
    private readonly record struct ActionOutcome(WastValue[]? Results, Trap? Trap, string? Skip, string? Error, WasmException? Exception = null);

    private void RunAction(WastActionCommand a)
    {
        string kind = a.Action.Kind == WastActionKind.Get ? "get" : "invoke";
        var r = Perform(a.Action);
        if (r.Skip is not null) Add(a, kind, Outcome.Skip, r.Skip);
        else if (r.Error is not null) Add(a, kind, Outcome.Fail, r.Error);
        else if (r.Trap is not null) Add(a, kind, Outcome.Fail, $"unexpected trap: {r.Trap.Message}");
        else Add(a, kind, Outcome.Pass, "done");
    }

    private void RunAssertReturn(WastAssertReturn a)
    {
        const string kind = "assert_return";
        foreach (var e in a.Expected)
        {
            if (e.Type == ValType.V128 || e.Kind == WastExpectedKind.V128Lanes)
            {
                Add(a, kind, Outcome.Skip, SimdReason);
                return;
            }
        }
        var r = Perform(a.Action);
        if (r.Skip is not null) { Add(a, kind, Outcome.Skip, r.Skip); return; }
        if (r.Error is not null) { Add(a, kind, Outcome.Fail, r.Error); return; }
        if (r.Trap is not null) { Add(a, kind, Outcome.Fail, $"unexpected trap: {r.Trap.Message}"); return; }
        var results = r.Results!;
        if (results.Length != a.Expected.Length)
        {
            Add(a, kind, Outcome.Fail, $"expected {a.Expected.Length} results, got {results.Length}");
            return;
        }
        for (int i = 0; i < results.Length; i++)
        {
            if (!a.Expected[i].Matches(results[i]))
            {
                Add(a, kind, Outcome.Fail, $"result {i}: expected {a.Expected[i]}, got {results[i]}");
                return;
            }
        }
        Add(a, kind, Outcome.Pass, "ok");
    }

    private void RunAssertTrap(WastAssertTrap a)
    {
        const string kind = "assert_trap";
        var r = Perform(a.Action!);
        if (r.Skip is not null) Add(a, kind, Outcome.Skip, r.Skip);
        else if (r.Error is not null) Add(a, kind, Outcome.Fail, r.Error);
        else if (r.Trap is null) Add(a, kind, Outcome.Fail, $"expected trap \"{a.Message}\", but the call returned");
        else if (!TrapMessageMatch.Matches(r.Trap.Message, a.Message)) Add(a, kind, Outcome.Fail, $"expected trap \"{a.Message}\", got trap \"{r.Trap.Message}\"");
        else Add(a, kind, Outcome.Pass, r.Trap.Message);
    }

    private void RunAssertExhaustion(WastAssertExhaustion a)
    {
        const string kind = "assert_exhaustion";
        var r = Perform(a.Action);
        if (r.Skip is not null) Add(a, kind, Outcome.Skip, r.Skip);
        else if (r.Error is not null) Add(a, kind, Outcome.Fail, r.Error);
        else if (r.Trap is null) Add(a, kind, Outcome.Fail, $"expected \"{a.Message}\", but the call returned");
        else if (r.Trap.Code != TrapCode.StackOverflow || !TrapMessageMatch.Matches(r.Trap.Message, a.Message))
            Add(a, kind, Outcome.Fail, $"expected \"{a.Message}\", got trap \"{r.Trap.Message}\"");
        else Add(a, kind, Outcome.Pass, r.Trap.Message);
    }

    /// <summary>Runs an invoke or get; never throws.</summary>
    private ActionOutcome Perform(WastAction action)
    {
        if (!TryResolve(action.ModuleName, out var entry, out string? problem)) return new(null, null, null, problem);
        if (entry!.SkipReason is { } skip) return new(null, null, skip, null);
        if (entry.Instance is not { } instance) return new(null, null, null, entry.FailReason ?? "no instance");
        foreach (var arg in action.Args)
        {
            if (arg.Type == ValType.V128) return new(null, null, SimdReason, null);
        }
        var export = instance.GetExport(action.ExportName);
        try
        {
            if (action.Kind == WastActionKind.Get)
            {
                if (export is not Global g) return new(null, null, null, $"no exported global \"{action.ExportName}\"");
                if (g.Type.ValueType == ValType.V128) return new(null, null, SimdReason, null);
                return new([WastValues.FromValue(g.Get())], null, null, null);
            }
            if (export is not Func f) return new(null, null, null, $"no exported function \"{action.ExportName}\"");
            var type = f.Type;
            if (Array.IndexOf(type.Params, ValType.V128) >= 0 || Array.IndexOf(type.Results, ValType.V128) >= 0)
                return new(null, null, SimdReason, null);
            if (type.Params.Length != action.Args.Length)
                return new(null, null, null, $"the function takes {type.Params.Length} arguments, the script gives {action.Args.Length}");
            var args = new Value[action.Args.Length];
            for (int i = 0; i < args.Length; i++) args[i] = _values.ToValue(action.Args[i]);
            var results = f.Call(args);
            var converted = new WastValue[results.Length];
            for (int i = 0; i < results.Length; i++) converted[i] = WastValues.FromValue(results[i]);
            return new(converted, null, null, null);
        }
        catch (Trap t)
        {
            return new(null, t, null, null);
        }
        catch (WasmException e)
        {
            return new(null, null, null, $"uncaught exception: {e.Message}", e);
        }
        catch (Exception e)
        {
            return new(null, null, null, $"the call failed: {Describe(e)}");
        }
    }

    private bool TryResolve(string? name, out WastModuleEntry? entry, out string? problem)
    {
        var state = _state!;
        entry = name is null ? state.Current : state.Named.GetValueOrDefault(name);
        problem = entry is null ? (name is null ? "no module defined yet" : $"no module named {name}") : null;
        return entry is not null;
    }
}
