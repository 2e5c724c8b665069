using System.Globalization;
using System.Text;
using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// The <c>kiln objdump</c> listing of a component: what each lifted export calls and through which trampoline, the
/// lowered imports (wasm→host trampolines per core signature), the always-trap functions, then each core module's
/// code (<see cref="ArtifactListing"/>) under a header naming it, then each fused adapter module's, whose functions are
/// named <c>adapter: caller/import -> callee/export</c>.
/// </summary>
public static class ComponentArtifactListing
{
    public static string Print(ComponentPlan plan, IReadOnlyList<Artifact> modules, EngineCompatibility compatibility)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(modules);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        bool alwaysTrap = AlwaysTrapModule.Build(plan) is not null;
        var adapters = AdapterPartition.Of(plan);
        int firstAdapter = plan.Modules.Count + (alwaysTrap ? 1 : 0);
        sb.Append("; ").Append(compatibility).Append('\n');
        sb.Append(inv, $"; component: {plan.Modules.Count} core modules{(alwaysTrap ? ", the always-trap module" : "")}, {adapters.Count} fused adapter modules, {plan.RuntimeInstanceCount} component instances, {plan.CoreInstanceCount} core instances\n");

        // Run-time core instance i is the i-th InstantiateModule.
        var instanceModule = new List<int>();
        foreach (var init in plan.Initializers)
        {
            switch (init)
            {
                case InstantiateModule im: instanceModule.Add(im.Module); break;
                case LowerImport li:
                    sb.Append(inv, $"; lowered import {li.Lowering}: \"{li.Import}\" as core func {li.Signature}, called through the wasm→host trampoline of that type\n");
                    break;
            }
        }
        sb.Append("; lifted exports:\n");
        Exports(sb, plan.Exports, "", instanceModule);
        if (alwaysTrap)
        {
            foreach (var e in modules[plan.Modules.Count].Module.Exports)
                sb.Append(inv, $"; always-trap function <{e.Name}>: canon lower of a canon lift of the same instance; traps with degenerate_component_adapter\n");
        }
        foreach (var g in adapters)
            foreach (var name in g.Names)
                sb.Append(inv, $"; fused adapter <{name}>: imported by core instantiation {g.Initializer} of the plan\n");
        for (int i = 0; i < modules.Count; i++)
        {
            sb.Append(i < plan.Modules.Count ? $"\n;; ==== core module {i} ====\n"
                : i < firstAdapter ? $"\n;; ==== always-trap module ({AlwaysTrapModule.ModuleName}) ====\n"
                : $"\n;; ==== fused adapter module {i - firstAdapter} ====\n");
            sb.Append(ArtifactListing.Print(modules[i].Compiled));
        }
        return sb.ToString();
    }

    private static void Exports(StringBuilder sb, OrderedDictionary<string, PlanExport> exports, string prefix, List<int> instanceModule)
    {
        foreach (var (name, e) in exports)
        {
            switch (e)
            {
                case FuncExport { Func: LiftedFunction l }:
                    sb.Append(CultureInfo.InvariantCulture, $";   \"{prefix}{name}\": canon lift of {Describe(l.Callee, instanceModule)}, entered through that module's entry trampoline of its type\n");
                    break;
                case FuncExport { Func: ImportedFunction f }:
                    sb.Append(CultureInfo.InvariantCulture, $";   \"{prefix}{name}\": the import \"{f.Import}\" exported again\n");
                    break;
                case InstanceExport inst:
                    Exports(sb, inst.Exports, prefix + name + "#", instanceModule);
                    break;
            }
        }
    }

    private static string Describe(CoreDef d, List<int> instanceModule) => d switch
    {
        CoreExportDef x => $"core instance {x.Instance} (of core module {(x.Instance < instanceModule.Count ? instanceModule[x.Instance] : -1)}) export \"{x.Name}\"",
        LoweredDef l => $"lowered import {l.Lowering} (lowered then lifted: a host call)",
        AlwaysTrapDef a => $"<{AlwaysTrapModule.ExportName(a.Signature)}>",
        _ => d.ToString() ?? "",
    };
}
