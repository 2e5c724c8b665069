using Kiln.Compiler.Driver;
using Kiln.Compiler.Traps;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component;

/// <summary>
/// The compiled always-trap functions of a plan (Wasmtime's always-trap trampolines): every <see cref="AlwaysTrapDef"/>
/// — <c>canon lower</c> of a <c>canon lift</c> of the same instance — becomes a function of one synthetic core module,
/// one per core signature (deduplicated), whose body is <c>unreachable</c>, compiled by the ordinary pipeline and then
/// retagged: its trap sites say <see cref="WasmTrap.AlwaysTrapAdapter"/>, so the trap is reported with that code and
/// the usual wasm backtrace. Function <c>i</c> is exported as its name, <c>always-trap [params] -> [results]</c>.
/// Derived from the plan alone, so an artifact's copy can be checked against it.
/// </summary>
public sealed class AlwaysTrapModule
{
    public const string ModuleName = "always-trap";
    private static readonly LocalGroup[] NoLocals = [];
    private static readonly byte[] UnreachableBody = [0x00, 0x0b];

    private AlwaysTrapModule(WasmModule module) => Module = module;

    public WasmModule Module { get; }

    /// <summary>The export (and function name) of the always-trap function of <paramref name="signature"/>.</summary>
    public static string ExportName(FuncType signature) => $"{ModuleName} {signature}";

    /// <summary>The module for the plan's always-trap functions; null when it has none.</summary>
    public static AlwaysTrapModule? Build(ComponentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var signatures = new List<FuncType>();
        void Add(CoreDef? d)
        {
            if (d is AlwaysTrapDef a && !signatures.Contains(a.Signature)) signatures.Add(a.Signature);
        }
        foreach (var init in plan.Initializers)
        {
            switch (init)
            {
                case InstantiateModule im: foreach (var a in im.Args) Add(a); break;
                case ExtractRealloc er: Add(er.Def); break;
                case ExtractPostReturn ep: Add(ep.Def); break;
                case DefineResource dr: Add(dr.Destructor); break;
            }
        }
        AddLifted(plan.Exports, Add);
        if (signatures.Count == 0) return null;
        var m = new WasmModule { Names = new NameSection { ModuleName = ModuleName } };
        for (int i = 0; i < signatures.Count; i++)
        {
            m.Types.Add(signatures[i]);
            m.Functions.Add((uint)i);
            m.Codes.Add(new FunctionBody { Locals = NoLocals, Code = UnreachableBody });
            string name = ExportName(signatures[i]);
            m.Exports.Add(new Export(name, ExternalKind.Func, (uint)i));
            m.Names.FunctionNames[(uint)i] = name;
        }
        m.CountImports();
        return new AlwaysTrapModule(m);
    }

    private static void AddLifted(OrderedDictionary<string, PlanExport> exports, Action<CoreDef?> add)
    {
        foreach (var (_, e) in exports)
        {
            if (e is FuncExport { Func: LiftedFunction l }) add(l.Callee);
            else if (e is InstanceExport inst) AddLifted(inst.Exports, add);
        }
    }

    /// <summary>The compiled module with every <c>unreachable</c> trap site retagged as <see cref="WasmTrap.AlwaysTrapAdapter"/>.</summary>
    public static CompiledModule Retag(CompiledModule compiled)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var unreachable = WasmTrap.Unreachable.Code();
        var always = WasmTrap.AlwaysTrapAdapter.Code();
        var sites = new CodeTrapSite[compiled.TrapSites.Length];
        for (int i = 0; i < sites.Length; i++)
            sites[i] = compiled.TrapSites[i].Code == unreachable ? compiled.TrapSites[i] with { Code = always } : compiled.TrapSites[i];
        return new CompiledModule
        {
            Target = compiled.Target,
            Code = compiled.Code,
            ImportedFunctionCount = compiled.ImportedFunctionCount,
            FunctionOffsets = compiled.FunctionOffsets,
            EntryTrampolineOffsets = compiled.EntryTrampolineOffsets,
            HostTrampolineOffsets = compiled.HostTrampolineOffsets,
            TrapSites = sites,
            LandingSites = compiled.LandingSites,
            Ranges = compiled.Ranges,
            SourceMap = compiled.SourceMap,
            RequiredFeatures = compiled.RequiredFeatures,
        };
    }
}
