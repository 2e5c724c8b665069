using Kiln.Reference;

namespace Kiln.CompFuzz;

/// <summary>Runs a case in Kiln: compile the component text, instantiate in a fresh store, call <c>run</c> twice with
/// the case's arguments through the embedding API (<see cref="Val"/>), then read the five hashes.</summary>
public sealed class KilnEngine
{
    private readonly Engine _engine = new();

    public Outcome Run(FuzzCase c)
    {
        Kiln.Runtime.Component component;
        try { component = Kiln.Runtime.Component.FromText(_engine, c.Text); }
        catch (Exception e) { return Outcome.Failed("refused:" + e.GetType().Name, e.Message); }
        using (component)
        using (var store = new Store(_engine))
        {
            ComponentInstance inst;
            try { inst = new ComponentLinker(_engine).Instantiate(store, component); }
            catch (Exception e) { return Outcome.Failed("refused:" + e.GetType().Name, e.Message); }
            try
            {
                // Twice: the second call finds the flags, tables and allocators the first one left.
                var run = inst.GetFunc("run")!;
                var r1 = run.Call([.. c.Args]);
                var r = run.Call([.. c.Args]);
                if (r1 is null != r is null || (r1 is not null && ValueText.Render(r1) != ValueText.Render(r!)))
                    return Outcome.Failed("error:second-call-differs", $"{r1} then {r}");
                ulong H(string name) => inst.GetFunc(name)!.Call()!.AsU64();
                return new Outcome("ok", r is null ? null : ValueText.Render(r), H("caller-hash"), H("callee-hash"),
                    H("caller-ahash"), H("callee-ahash"), H("host-ahash"), "");
            }
            catch (Trap t) { return Outcome.Failed("trap:" + TrapKinds.Of(t.Code), t.Message); }
            catch (Exception e) { return Outcome.Failed("error:" + e.GetType().Name, e.Message); }
        }
    }
}

/// <summary>The same in Wasmtime 50.0.1 through its component C API (<see cref="ComponentValue"/>). A new store
/// per case: after a trap, Wasmtime refuses every further call into that store's instances.</summary>
public sealed class WasmtimeReference : IDisposable
{
    private readonly WasmtimeEngine _engine = new();

    public Outcome Run(FuzzCase c)
    {
        WasmtimeComponent component;
        try { component = WasmtimeComponent.Compile(_engine, WasmtimeWat.ToWasm(c.Text)); }
        catch (WasmtimeException e) { return Outcome.Failed("refused:" + e.GetType().Name, e.Message); }
        using (component)
        using (var store = new WasmtimeStore(_engine))
        using (var linker = new WasmtimeComponentLinker(_engine))
        {
            WasmtimeComponentInstance inst;
            try { inst = linker.Instantiate(store, component); }
            catch (WasmtimeException e) { return Outcome.Failed("refused:" + e.GetType().Name, e.Message); }
            try
            {
                var run = inst.GetFunc("run")!;
                var r1 = run.Call([.. c.Args.Select(ValueText.ToWasmtime)]);
                var r = run.Call([.. c.Args.Select(ValueText.ToWasmtime)]);
                if (r1 is null != r is null || (r1 is not null && ValueText.Render(r1) != ValueText.Render(r!)))
                    return Outcome.Failed("error:second-call-differs", $"{r1} then {r}");
                ulong H(string name) => inst.GetFunc(name)!.Call() is ComponentValue.U64 u ? u.Value : throw new InvalidOperationException($"{name} is not a u64");
                return new Outcome("ok", r is null ? null : ValueText.Render(r), H("caller-hash"), H("callee-hash"),
                    H("caller-ahash"), H("callee-ahash"), H("host-ahash"), "");
            }
            catch (WasmtimeTrapException t) { return Outcome.Failed("trap:" + TrapKinds.Of(t.Code), t.Message); }
            catch (WasmtimeException e) { return Outcome.Failed("trap:" + TrapKinds.Of(null), e.Message); }
        }
    }

    public void Dispose() => _engine.Dispose();
}
