using Kiln.Compiler.Driver;
using Kiln.Runtime.Native;

namespace Kiln.Runtime;

/// <summary>
/// A <see cref="CompiledModule"/> loaded into executable memory: copied into fresh pages while they are
/// writable, then made read-execute and registered with the native fault handler (the module registers the
/// <see cref="CodeMap"/> with the engine). Addresses stay valid until <see cref="Dispose"/>.
/// </summary>
public sealed class LoadedCode : ICompiledCode, IDisposable
{
    // Registered code stays mapped while its engine lives (or until Dispose), even when nothing managed refers
    // to the module any more: funcrefs in tables of other stores and the engine's host trampolines hold raw
    // addresses into it. When the engine is collected, the code's finalizer unregisters and frees it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Engine, HashSet<LoadedCode>> PerEngine = new();

    private readonly CodeMemory memory;
    private readonly CompiledModule compiled;
    private readonly nint start;

    public LoadedCode(CompiledModule compiled)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        CheckCpu(compiled);
        this.compiled = compiled;
        memory = CodeMemory.Allocate((nuint)compiled.Code.Length);
        try
        {
            memory.Write(0, compiled.Code);
            memory.MakeExecutable();
            memory.Register();
            if (compiled.LandingSites.Length > 0)
            {
                var pairs = new uint[compiled.LandingSites.Length * 2];
                for (int i = 0; i < compiled.LandingSites.Length; i++)
                {
                    pairs[2 * i] = (uint)compiled.LandingSites[i].ReturnOffset;
                    pairs[2 * i + 1] = (uint)compiled.LandingSites[i].LandingOffset;
                }
                memory.RegisterLandingSites(pairs);
            }
        }
        catch
        {
            memory.Dispose();
            throw;
        }
        start = memory.Address;

        var sites = new (uint, TrapCode)[compiled.TrapSites.Length];
        for (int i = 0; i < sites.Length; i++)
            sites[i] = ((uint)compiled.TrapSites[i].Offset, (TrapCode)compiled.TrapSites[i].Code.Raw);
        var ranges = new (uint, uint, uint)[compiled.Ranges.Length];
        var names = new Dictionary<uint, string>();
        for (int i = 0; i < ranges.Length; i++)
        {
            var r = compiled.Ranges[i];
            uint index = r.Kind == CodeRangeKind.Function ? r.Index : CodeMap.TrampolineIndexBase + (uint)i;
            ranges[i] = ((uint)r.Start, (uint)r.Length, index);
            // A function without a name-section name carries its symbol name (wasm_func_N); a backtrace shows
            // func[N] for it instead, as the index is what the embedder can look up.
            if (r.Kind != CodeRangeKind.Function || r.Name != Kiln.Compiler.VmContext.FunctionNames.Wasm(r.Index))
                names[index] = r.Name;
        }
        var sources = new (uint, int)[compiled.SourceMap.Length];
        for (int i = 0; i < sources.Length; i++)
            sources[i] = ((uint)compiled.SourceMap[i].Offset, compiled.SourceMap[i].WasmOffset);
        if (!IsSorted(sources))
            sources = sources.OrderBy(s => s.Item1).ToArray(); // stable: equal offsets keep their order
        CodeMap = new CodeMap(start, memory.Size, new TrapTable(sites), new FunctionRanges(ranges), names, new SourceOffsets(sources));
    }

    /// <summary>The linked module this code came from.</summary>
    public CompiledModule Compiled => compiled;

    /// <inheritdoc />
    public CodeMap CodeMap { get; }

    CodeMap? ICompiledCode.CodeMap => CodeMap;

    /// <summary>Engine the code map was registered with (by the module), to unregister on dispose.</summary>
    internal Engine? RegisteredWith
    {
        get => registeredWith;
        set
        {
            registeredWith = value;
            if (value is not null)
            {
                var set = PerEngine.GetOrCreateValue(value);
                lock (set) set.Add(this);
            }
        }
    }

    private Engine? registeredWith;

    /// <inheritdoc />
    public nint FunctionCode(uint funcIndex)
    {
        int offset = compiled.FunctionOffset(funcIndex);
        return offset < 0 ? 0 : start + offset;
    }

    /// <inheritdoc />
    public nint HostEntryTrampoline(uint typeIndex) => At(compiled.EntryTrampolineOffsets, typeIndex);

    /// <inheritdoc />
    public nint WasmToHostTrampoline(uint typeIndex) => At(compiled.HostTrampolineOffsets, typeIndex);

    private nint At(int[] offsets, uint typeIndex) =>
        typeIndex < offsets.Length && offsets[typeIndex] >= 0 ? start + offsets[typeIndex] : 0;

    /// <summary>Unregisters and frees the code. Nothing may run it afterwards (instances of the module are dead).</summary>
    public void Dispose()
    {
        if (registeredWith is { } engine)
        {
            engine.UnregisterCode(CodeMap);
            if (PerEngine.TryGetValue(engine, out var set))
                lock (set) set.Remove(this);
            registeredWith = null;
        }
        memory.Dispose();
    }

    private static bool IsSorted((uint, int)[] entries)
    {
        for (int i = 1; i < entries.Length; i++)
        {
            if (entries[i].Item1 < entries[i - 1].Item1)
                return false;
        }
        return true;
    }

    private static void CheckCpu(CompiledModule compiled)
    {
        var target = compiled.Target;
        if (!target.IsHost)
            throw new NotSupportedException($"the compiled code is for {target.Name}, this machine is not");
        var f = compiled.RequiredFeatures;
        if (!target.HostFeatures().Has(f))
            throw new NotSupportedException($"the compiled code needs CPU features {target.DescribeFeatures(f)} that this machine lacks");
    }
}
