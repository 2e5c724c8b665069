using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation;

// Aliases: exports of component and core instances, and definitions of enclosing scopes.
public sealed partial class ComponentValidator
{
    private void AddAlias(Alias alias)
    {
        long offset = alias.Offset;
        if (Current.Kind != ScopeKind.Component)
        {
            bool allowed = alias.Target switch
            {
                Model.AliasTarget.InstanceExport => alias.Sort == Sort.Type || alias.Sort == Sort.Instance,
                Model.AliasTarget.Outer => alias.Sort == Sort.Type || alias.Sort == Sort.OfCore(CoreSort.Type),
                _ => false,
            };
            if (!allowed) throw Error("aliases in a component or instance type may only refer to types or instances", offset);
        }
        switch (alias.Target)
        {
            case Model.AliasTarget.InstanceExport: AliasInstanceExport(alias, offset); break;
            case Model.AliasTarget.CoreInstanceExport: AliasCoreInstanceExport(alias, offset); break;
            default: AliasOuter(alias, offset); break;
        }
    }

    private void AliasInstanceExport(Alias alias, long offset)
    {
        var instance = _types.Instance(InstanceAt(alias.Instance, offset));
        if (!instance.Exports.TryGetValue(alias.Name, out var entity))
            throw Error($"instance {alias.Instance} has no export named `{alias.Name}`", offset);
        var expected = alias.Sort.IsCore && alias.Sort.Core == CoreSort.Module ? EntityKind.Module : alias.Sort.Kind switch
        {
            SortKind.Func => EntityKind.Func,
            SortKind.Value => EntityKind.Value,
            SortKind.Type => EntityKind.Type,
            SortKind.Component => EntityKind.Component,
            SortKind.Instance => EntityKind.Instance,
            _ => throw Error($"invalid leading byte (0x{(byte)alias.Sort.Core:x}) for component external kind", offset),
        };
        if (entity.Kind != expected)
            throw Error($"export `{alias.Name}` for instance {alias.Instance} is not a {new EntityType(expected).Describe()}", offset);
        AddEntity(ref entity, null, false, offset);
    }

    private void AliasCoreInstanceExport(Alias alias, long offset)
    {
        var instance = CoreInstanceAt(alias.Instance, offset);
        if (!instance.TryGetValue(alias.Name, out var entity))
            throw Error($"core instance {alias.Instance} has no export named `{alias.Name}`", offset);
        var s = Current;
        (CoreEntityKind kind, string word) = alias.Sort.Core switch
        {
            CoreSort.Func => (CoreEntityKind.Func, "function"),
            CoreSort.Table => (CoreEntityKind.Table, "table"),
            CoreSort.Memory => (CoreEntityKind.Memory, "memory"),
            CoreSort.Global => (CoreEntityKind.Global, "global"),
            CoreSort.Tag => (CoreEntityKind.Tag, "tag"),
            _ => throw Error($"invalid leading byte (0x{(byte)alias.Sort.Core:x}) for core external kind", offset),
        };
        if (entity.Kind != kind) throw Error($"export `{alias.Name}` for core instance {alias.Instance} is not a {word}", offset);
        switch (kind)
        {
            case CoreEntityKind.Func:
                CheckMax(s.CoreFuncs.Count + s.Funcs.Count, 1, MaxFunctions, "functions", offset);
                s.CoreFuncs.Add(entity.Func!);
                break;
            case CoreEntityKind.Table: CheckMax(s.CoreTables.Count, 1, MaxCoreItems, "tables", offset); s.CoreTables.Add(entity.Table); break;
            case CoreEntityKind.Memory: CheckMax(s.CoreMemories.Count, 1, MaxCoreItems, "memories", offset); s.CoreMemories.Add(entity.Memory); break;
            case CoreEntityKind.Global: CheckMax(s.CoreGlobals.Count, 1, MaxCoreItems, "globals", offset); s.CoreGlobals.Add(entity.Global); break;
            default: CheckMax(s.CoreTags.Count, 1, MaxCoreItems, "tags", offset); s.CoreTags.Add(entity.Func!); break;
        }
    }

    /// <summary>The scope <paramref name="count"/> levels out (0 = this one).</summary>
    private Scope OuterScope(uint count, long offset)
    {
        if (count >= _scopes.Count) throw Error($"invalid outer alias count of {count}", offset);
        return _scopes[_scopes.Count - 1 - (int)count];
    }

    private void AliasOuter(Alias alias, long offset)
    {
        var target = OuterScope(alias.Count, offset);
        var s = Current;
        if (alias.Sort == Sort.OfCore(CoreSort.Module))
        {
            var m = ModuleAt(target, alias.Index, offset);
            CheckMax(s.CoreModules.Count, 1, MaxModules, "modules", offset);
            s.CoreModules.Add(m);
        }
        else if (alias.Sort == Sort.OfCore(CoreSort.Type))
        {
            var t = CoreTypeAt(target, alias.Index, offset);
            CheckMax(s.CoreTypes.Count + s.Types.Count, 1, MaxTypes, "types", offset);
            s.CoreTypes.Add(t);
        }
        else if (alias.Sort == Sort.Type)
        {
            var t = TypeAt(target, alias.Index, offset);
            // Crossing into an enclosing *component* must not bring its resources along: a component is a
            // unit that could be pulled out of its parent (wasmparser checks free resources here).
            int inner = _scopes.Count - (int)alias.Count;
            if (inner < _scopes.Count && _scopes[inner].Kind == ScopeKind.Component)
            {
                var free = new HashSet<int>();
                _types.FreeResources(t, free);
                if (free.Count > 0)
                    throw Error("cannot alias outer type which transitively refers to resources not defined in the current component", offset);
            }
            CheckMax(s.CoreTypes.Count + s.Types.Count, 1, MaxTypes, "types", offset);
            s.Types.Add(t);
        }
        else if (alias.Sort == Sort.Component)
        {
            var c = ComponentAt(target, alias.Index, offset);
            CheckMax(s.Components.Count, 1, MaxComponents, "components", offset);
            s.Components.Add(c);
        }
        else
        {
            byte code = alias.Sort.IsCore ? (byte)alias.Sort.Core : (byte)alias.Sort.Kind;
            throw Error($"invalid leading byte (0x{code:x}) for component outer alias kind", offset);
        }
    }
}
