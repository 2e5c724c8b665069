using Kiln.Component.Model;
using Kiln.Component.Wit;
using Kiln.Component.Wit.Model;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

internal sealed partial class ComponentNewBuilder
{
    /// <summary>Lifts every export of the worlds (the program's, then each adapter's) from the module that
    /// provides it, with memory, realloc and <c>cabi_post_*</c> as the canonical ABI needs; an exported interface
    /// becomes an instance of its lifted functions and named types.</summary>
    private void EmitExports()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<(WitWorld World, AdapterState? Provider)>();
        foreach (var w in _mainWorlds) sources.Add((w, null));
        foreach (var a in _adapters) foreach (var w in a.Worlds) sources.Add((w, a));
        // The exported interfaces' own named types are defined here (structurally) and exported with them.
        _w.DefineNamed = DefineExportedType;
        foreach (var (world, provider) in sources)
        {
            foreach (var (key, item) in world.Exports)
            {
                if (!done.Add(key.ExternName)) continue;
                switch (item)
                {
                    case WitFunctionItem fi:
                        {
                            uint f = Lift(fi.Function, key.Name!, provider, $"world export `{key.Name}`");
                            Add<ExportSection, ComponentExport>(new ComponentExport(new ExternName(key.Name!), new SortIndex(Sort.Func, f), null));
                            _funcs++;
                            break;
                        }
                    case WitInterfaceItem ii:
                        ExportInterface(ii.Interface, key.ExternName, provider);
                        break;
                }
            }
        }
        _w.DefineNamed = null;
    }

    private void ExportInterface(WitInterface iface, string name, AdapterState? provider)
    {
        var (shim, typeArgs, funcArgs) = ExportShim(iface);
        var args = new List<InstantiateArg>();
        foreach (var (argName, def) in typeArgs)
            args.Add(new InstantiateArg(argName, new SortIndex(Sort.Type, TypeIndexOf(def))));
        foreach (var (argName, f) in funcArgs)
            args.Add(new InstantiateArg(argName, new SortIndex(Sort.Func,
                Lift(f, $"{name}#{f.ExternName}", provider, $"`{name}` function `{f.ExternName}`"))));
        _c.Sections.Add(new NestedComponentSection(shim));
        uint component = _components++;
        Add<InstanceSection, ComponentInstanceDefinition>(new ComponentInstantiate(component, args));
        uint instance = _instances++;
        Add<ExportSection, ComponentExport>(new ComponentExport(new ExternName(name), new SortIndex(Sort.Instance, instance), null));
        _instances++;
    }

    /// <summary>A named type of an exported interface: a <c>use</c> is its target's index; any other type is defined
    /// from its structure at component level.</summary>
    private uint DefineExportedType(WitTypeDef def) => def.Kind switch
    {
        WitAliasKind { Target.Def: { } target } => _w.IndexOf(target),
        WitResourceKind => throw new ComponentNewException(ComponentNewErrorKind.UnknownFunction,
            $"resource `{def.Name}` is exported by an adapter's world: only the program's exported resources are defined"),
        var kind => _w.Define(_w.Structural(kind)),
    };

    /// <summary>Lifts core export <paramref name="coreName"/> (of the provider, else the program, else any adapter)
    /// as <paramref name="f"/>.</summary>
    private uint Lift(WitFunction f, string coreName, AdapterState? provider, string what)
    {
        var candidates = new List<AdapterState?> { provider, null };
        candidates.AddRange(_adapters);
        AdapterState? owner = null;
        Export? export = null;
        foreach (var c in candidates)
        {
            var m = c?.Final ?? _main;
            if (FindExport(m, coreName, ExternalKind.Func) is { } e) { owner = c; export = e; break; }
        }
        if (export is null)
            throw new ComponentNewException(ComponentNewErrorKind.MissingExport, $"{what}: no module exports a core function `{coreName}` to lift");
        var module = owner?.Final ?? _main;
        uint instance = owner?.CoreInstance ?? _mainInstance;
        var actual = module.FunctionType(export.Index);
        var expected = WitFlattening.LiftedSignature(f);
        if (!actual.Equals(expected))
            throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"{what}: core export `{coreName}` has type {actual}, but the world's function lifts from {expected}");
        uint typeIndex;
        try
        {
            typeIndex = _w.FuncType(f);
        }
        catch (WitException e)
        {
            throw new ComponentNewException(ComponentNewErrorKind.BadMetadata, $"{what}: {e.Message}", e);
        }
        Flush();
        uint core = AliasCoreExport(CoreSort.Func, instance, coreName);
        var (memory, realloc) = WitFlattening.LiftNeeds(f);
        var options = new List<CanonOption>();
        if (memory) options.Add(new CanonOption(CanonOptionKind.Memory, MemoryOf(owner, what)));
        if (realloc) options.Add(new CanonOption(CanonOptionKind.Realloc, Realloc(owner, "cabi_export_realloc", what)));
        string post = "cabi_post_" + coreName;
        if (FindExport(module, post, ExternalKind.Func) is { } pe)
        {
            var pt = module.FunctionType(pe.Index);
            var want = WitFlattening.PostReturnSignature(f);
            if (!pt.Equals(want))
                throw new ComponentNewException(ComponentNewErrorKind.TypeMismatch, $"{what}: `{post}` has type {pt}, expected {want}");
            options.Add(new CanonOption(CanonOptionKind.PostReturn, AliasCoreExport(CoreSort.Func, instance, post)));
        }
        return Canon(CanonicalFunction.Lift(core, typeIndex, options));
    }
}
