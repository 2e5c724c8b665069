using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Component.Validation;

// Core modules, core instances and core types inside a component.
public sealed partial class ComponentValidator
{
    private void AddCoreModule(CoreModuleSection section)
    {
        var module = section.Module;
        module.CountImports();
        try { ModuleValidator.Validate(module); }
        catch (WasmValidationException e) { throw Error(e.Message, section.Offset); }
        catch (WasmDecodeException e) { throw Error(e.Message, section.Offset); }

        var type = new ModuleTypeData();
        foreach (var imp in module.Imports)
        {
            var entity = imp.Kind switch
            {
                ExternalKind.Func => new CoreEntity(CoreEntityKind.Func, module.Types[(int)imp.FuncTypeIndex]),
                ExternalKind.Table => new CoreEntity(CoreEntityKind.Table, Table: imp.Table),
                ExternalKind.Memory => new CoreEntity(CoreEntityKind.Memory, Memory: imp.Memory),
                ExternalKind.Tag => new CoreEntity(CoreEntityKind.Tag, module.Types[(int)imp.FuncTypeIndex]),
                _ => new CoreEntity(CoreEntityKind.Global, Global: imp.Global),
            };
            // The component model requires a module's imports to be unique (Explainer.md).
            if (!type.Imports.TryAdd((imp.ModuleName, imp.Name), entity))
                throw Error($"module has a duplicate import name `{imp.ModuleName}:{imp.Name}` that is not allowed in components", section.Offset);
        }
        foreach (var exp in module.Exports)
        {
            var entity = exp.Kind switch
            {
                ExternalKind.Func => new CoreEntity(CoreEntityKind.Func, module.FunctionType(exp.Index)),
                ExternalKind.Table => new CoreEntity(CoreEntityKind.Table, Table: module.TableAt(exp.Index)),
                ExternalKind.Memory => new CoreEntity(CoreEntityKind.Memory, Memory: module.MemoryAt(exp.Index)),
                ExternalKind.Tag => new CoreEntity(CoreEntityKind.Tag, module.Types[(int)module.TagTypeIndex(exp.Index)]),
                _ => new CoreEntity(CoreEntityKind.Global, Global: module.GlobalAt(exp.Index)),
            };
            type.Exports[exp.Name] = entity;
        }
        CheckMax(Current.CoreModules.Count, 1, MaxModules, "modules", section.Offset);
        Current.CoreModules.Add(_types.Push(type));
    }

    private void AddCoreInstance(CoreInstance instance)
    {
        long offset = instance.Offset;
        var exports = instance switch
        {
            CoreInstantiate i => InstantiateCoreModule(i, offset),
            CoreInlineExports e => CoreInstanceFromExports(e, offset),
            _ => throw Error("unknown core instance form", offset),
        };
        CheckMax(Current.CoreInstances.Count + Current.Instances.Count, 1, MaxInstances, "instances", offset);
        Current.CoreInstances.Add(exports);
    }

    private OrderedDictionary<string, CoreEntity> InstantiateCoreModule(CoreInstantiate inst, long offset)
    {
        var module = _types.Module(ModuleAt(Current, inst.ModuleIndex, offset));
        var args = new Dictionary<string, OrderedDictionary<string, CoreEntity>>(StringComparer.Ordinal);
        foreach (var arg in inst.Args)
        {
            if (arg.Sort != CoreSort.Instance)
                throw Error($"invalid leading byte (0x{(byte)arg.Sort:x}) for instantiation arg kind", offset);
            if (!args.TryAdd(arg.Name, CoreInstanceAt(arg.Index, offset)))
                throw Error($"duplicate module instantiation argument named `{arg.Name}`", offset);
        }
        foreach (var ((m, n), expected) in module.Imports)
        {
            if (!args.TryGetValue(m, out var given))
                throw Error($"missing module instantiation argument named `{m}`", offset);
            if (!given.TryGetValue(n, out var actual))
                throw Error($"module instantiation argument `{m}` does not export an item named `{n}`", offset);
            WithContext($"type mismatch for export `{n}` of module instantiation argument `{m}`",
                () => Subtyping.CoreEntityType(actual, expected, offset));
        }
        return module.Exports;
    }

    private OrderedDictionary<string, CoreEntity> CoreInstanceFromExports(CoreInlineExports inst, long offset)
    {
        var exports = new OrderedDictionary<string, CoreEntity>(StringComparer.Ordinal);
        foreach (var e in inst.Exports)
        {
            var entity = e.Sort switch
            {
                CoreSort.Func => new CoreEntity(CoreEntityKind.Func, CoreFunctionAt(e.Index, offset)),
                CoreSort.Table => new CoreEntity(CoreEntityKind.Table, Table: TableAt(e.Index, offset)),
                CoreSort.Memory => new CoreEntity(CoreEntityKind.Memory, Memory: MemoryAt(e.Index, offset)),
                CoreSort.Global => new CoreEntity(CoreEntityKind.Global, Global: GlobalAt(e.Index, offset)),
                CoreSort.Tag => new CoreEntity(CoreEntityKind.Tag, TagAt(e.Index, offset)),
                _ => throw Error($"invalid leading byte (0x{(byte)e.Sort:x}) for external kind", offset),
            };
            if (!exports.TryAdd(e.Name, entity))
                throw Error($"duplicate instantiation export name `{e.Name}` already defined", offset);
        }
        return exports;
    }

    private void AddCoreType(CoreTypeDefinition def)
    {
        long offset = def.Offset;
        CheckMax(Current.CoreTypes.Count + Current.Types.Count, 1, MaxTypes, "types", offset);
        switch (def)
        {
            case CoreFuncTypeDefinition f: Current.CoreTypes.Add(new CoreTypeEntry(f.Type, 0)); break;
            case CoreSubTypeDefinition sub: Current.CoreTypes.Add(new CoreTypeEntry(CheckSubType(sub, Current.CoreTypes, offset), 0)); break;
            case CoreModuleTypeDefinition m: Current.CoreTypes.Add(new CoreTypeEntry(null, _types.Push(CreateModuleType(m, offset)))); break;
            default: throw Error("unsupported core type definition", offset);
        }
    }

    /// <summary>
    /// A GC <c>sub</c> type over a function type. Function subtyping among core types is by equality here
    /// (Kiln's core types have no references to type indices), so a declared supertype must be a non-final
    /// function type with the same signature.
    /// </summary>
    private static FuncType CheckSubType(CoreSubTypeDefinition sub, List<CoreTypeEntry> space, long offset)
    {
        if (sub.Supertypes.Count > 1) throw Error("multiple supertypes not supported", offset);
        foreach (var super in sub.Supertypes)
        {
            if (super >= space.Count) throw Error($"unknown type {super}: type index out of bounds", offset);
            var st = space[(int)super].Func ?? throw Error($"type index {super} is a module type, not a sub type", offset);
            if (!st.Equals(sub.Type)) throw Error("sub type must match super type", offset);
        }
        return sub.Type;
    }

    /// <summary>A module type is checked with its own core type index space (Binary.md <c>core:moduletype</c>).</summary>
    private ModuleTypeData CreateModuleType(CoreModuleTypeDefinition def, long offset)
    {
        var localTypes = new List<FuncType>();
        var type = new ModuleTypeData();
        foreach (var decl in def.Declarations)
        {
            long at = decl.Offset >= 0 ? decl.Offset : offset;
            switch (decl)
            {
                case ModuleTypeDefinitionDeclaration { Type: CoreFuncTypeDefinition f }:
                    localTypes.Add(f.Type);
                    break;
                case ModuleTypeDefinitionDeclaration:
                    throw Error("module types cannot be nested", at);
                case ModuleOuterAliasDeclaration a:
                {
                    FuncType ft;
                    if (a.Count == 0)
                        ft = a.Index < localTypes.Count ? localTypes[(int)a.Index] : throw Error($"unknown type {a.Index}: type index out of bounds", at);
                    else
                    {
                        var scope = OuterScope(a.Count - 1, at);
                        var entry = CoreTypeAt(scope, a.Index, at);
                        ft = entry.Func ?? throw Error("not implemented: aliasing core module types into a core module's types index space", at);
                    }
                    localTypes.Add(ft);
                    break;
                }
                case ModuleImportDeclaration imp:
                {
                    var entity = CoreExtern(imp.Type, localTypes, at);
                    if (!type.Imports.TryAdd((imp.Module, imp.Name), entity))
                        throw Error($"module has a duplicate import name `{imp.Module}:{imp.Name}` that is not allowed in components", at);
                    break;
                }
                case ModuleExportDeclaration exp:
                {
                    var entity = CoreExtern(exp.Type, localTypes, at);
                    if (!type.Exports.TryAdd(exp.Name, entity)) throw Error($"duplicate export name `{exp.Name}` already defined", at);
                    break;
                }
            }
        }
        return type;
    }

    private static CoreEntity CoreExtern(CoreExternType t, List<FuncType> localTypes, long offset)
    {
        FuncType FuncTypeAt(uint i) => i < localTypes.Count ? localTypes[(int)i] : throw Error($"unknown type {i}: type index out of bounds", offset);
        switch (t.Kind)
        {
            case CoreSort.Func: return new CoreEntity(CoreEntityKind.Func, FuncTypeAt(t.TypeIndex));
            case CoreSort.Tag:
            {
                var ft = FuncTypeAt(t.TypeIndex);
                if (ft.Results.Length != 0) throw Error("invalid exception type: non-empty tag result type", offset);
                return new CoreEntity(CoreEntityKind.Tag, ft);
            }
            case CoreSort.Table:
                CheckLimits(t.Table.Limits, uint.MaxValue, null, offset);
                if (!t.Table.ElementType.IsReference()) throw Error("type mismatch: table element type must be a reference type", offset);
                return new CoreEntity(CoreEntityKind.Table, Table: t.Table);
            case CoreSort.Memory:
                CheckLimits(t.Memory.Limits, MemoryType.MaxPages32, "memory size must be at most 65536 pages (4GiB)", offset);
                return new CoreEntity(CoreEntityKind.Memory, Memory: t.Memory);
            case CoreSort.Global:
                return new CoreEntity(CoreEntityKind.Global, Global: t.Global);
            default:
                throw Error($"invalid leading byte (0x{(byte)t.Kind:x}) for external kind", offset);
        }
    }

    private static void CheckLimits(Limits l, ulong max, string? tooLarge, long offset)
    {
        if (l.Max is { } m && l.Min > m) throw Error("size minimum must not be greater than maximum", offset);
        if (tooLarge is not null && (l.Min > max || l.Max > max)) throw Error(tooLarge, offset);
    }
}
