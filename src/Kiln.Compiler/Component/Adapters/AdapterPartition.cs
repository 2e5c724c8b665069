namespace Kiln.Compiler.Component.Adapters;

/// <summary>The fused adapters one adapter module holds: those the core instantiation at initializer
/// <see cref="Initializer"/> of the plan imports (everything they import exists by then), with their readable names
/// (<c>adapter: caller/import -> callee/export</c>).</summary>
public sealed record AdapterGroup(int Initializer, IReadOnlyList<FusedAdapterDef> Adapters, IReadOnlyList<string> Names);

/// <summary>
/// Which adapter modules a plan has (Wasmtime's <c>adapt.rs</c> partitioning): one per core instantiation that
/// imports fused adapters not made before, holding them all, in plan order. A pure function of the plan, so the
/// compiler (for artifacts) and the runtime agree on the modules and their order.
/// </summary>
public static class AdapterPartition
{
    public static IReadOnlyList<AdapterGroup> Of(ComponentPlan plan)
    {
        var seen = new HashSet<FusedAdapterDef>(ReferenceEqualityComparer.Instance);
        var groups = new List<AdapterGroup>();
        for (int i = 0; i < plan.Initializers.Count; i++)
        {
            if (plan.Initializers[i] is not InstantiateModule im) continue;
            var imports = plan.Modules[im.Module].Imports;
            List<FusedAdapterDef>? defs = null;
            List<string>? names = null;
            for (int a = 0; a < im.Args.Count; a++)
            {
                if (im.Args[a] is not FusedAdapterDef f || !Supported(f) || !seen.Add(f)) continue;
                (defs ??= []).Add(f);
                (names ??= []).Add(Name(f, a < imports.Count ? imports[a].Name : "lowering"));
            }
            if (defs is not null) groups.Add(new AdapterGroup(i, defs, names!));
        }
        return groups;
    }

    /// <summary>Whether an adapter can be generated for <paramref name="def"/> (an async lift behind it cannot yet).</summary>
    public static bool Supported(FusedAdapterDef def) => def.Callee.Callee is not UnsupportedBuiltinDef;

    /// <summary><c>adapter: I/f -> J/g</c>: run-time component instance I's lowering imported as <c>f</c> into J's
    /// lifted core function <c>g</c>.</summary>
    public static string Name(FusedAdapterDef def, string callerName) =>
        $"adapter: {def.CallerInstance}/{callerName} -> {def.Callee.Options.Instance}/{CalleeName(def.Callee.Callee)}";

    private static string CalleeName(CoreDef callee) => callee switch
    {
        CoreExportDef e => e.Name,
        LoweredDef l => $"lowered-import-{l.Lowering}",
        _ => callee.GetType().Name,
    };
}
