using Kiln.Component.Model;

namespace Kiln.Component.Binary;

// Instances, aliases, canonical definitions, imports and exports, and the names and sorts they share.
public sealed partial class ComponentDecoder
{
    private static CoreInstance ReadCoreInstance(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b = r.ReadByte();
        switch (b)
        {
            case 0x00:
            {
                uint module = r.ReadU32();
                int n = r.ReadSize(ComponentLimits.InstantiationArgs, "core instantiation arguments");
                var args = new CoreInstantiateArg[n];
                for (int i = 0; i < n; i++)
                {
                    string name = r.ReadString();
                    byte kind = r.ReadByte();
                    if (kind != (byte)CoreSort.Instance) throw r.InvalidLeadingByte(kind, "instantiation arg kind");
                    args[i] = new CoreInstantiateArg(name, CoreSort.Instance, r.ReadU32());
                }
                return new CoreInstantiate(module, args) { Offset = at };
            }
            case 0x01:
            {
                int n = r.ReadSize(ComponentLimits.InstantiationArgs, "core instantiation arguments");
                var exports = new CoreInlineExport[n];
                for (int i = 0; i < n; i++)
                {
                    string name = r.ReadString();
                    var sort = ReadCoreExternalKind(ref r);
                    exports[i] = new CoreInlineExport(name, sort, r.ReadU32());
                }
                return new CoreInlineExports(exports) { Offset = at };
            }
            default: throw r.InvalidLeadingByte(b, "core instance");
        }
    }

    private static ComponentInstanceDefinition ReadInstance(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b = r.ReadByte();
        switch (b)
        {
            case 0x00:
            {
                uint component = r.ReadU32();
                int n = r.ReadSize(ComponentLimits.InstantiationArgs, "instantiation arguments");
                var args = new InstantiateArg[n];
                for (int i = 0; i < n; i++)
                {
                    string name = r.ReadString();
                    var sort = ReadComponentExternalKind(ref r);
                    args[i] = new InstantiateArg(name, new SortIndex(sort, r.ReadU32()));
                }
                return new ComponentInstantiate(component, args) { Offset = at };
            }
            case 0x01:
            {
                int n = r.ReadSize(ComponentLimits.InstantiationExports, "instantiation exports");
                var exports = new InlineExport[n];
                for (int i = 0; i < n; i++)
                {
                    var name = ReadExternName(ref r);
                    var sort = ReadComponentExternalKind(ref r);
                    exports[i] = new InlineExport(name, new SortIndex(sort, r.ReadU32()));
                }
                return new ComponentInlineExports(exports) { Offset = at };
            }
            default: throw r.InvalidLeadingByte(b, "instance");
        }
    }

    /// <summary>A core <c>externalkind</c> (func, table, memory, global, tag), as core exports use it.</summary>
    private static CoreSort ReadCoreExternalKind(ref ComponentReader r)
    {
        byte b = r.ReadByte();
        return CoreExternalKind(b, r.Offset - 1);
    }

    private static CoreSort CoreExternalKind(byte b, int at) => b switch
    {
        0x00 => CoreSort.Func,
        0x01 => CoreSort.Table,
        0x02 => CoreSort.Memory,
        0x03 => CoreSort.Global,
        0x04 => CoreSort.Tag,
        _ => throw ComponentReader.InvalidLeadingByte(b, "external kind", at),
    };

    /// <summary>A <c>sort</c> that can be exported from a component: core module, func, value, type,
    /// component or instance (wasmparser's <c>ComponentExternalKind</c>).</summary>
    private static Sort ReadComponentExternalKind(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b1 = r.ReadByte();
        if (b1 == 0x00)
        {
            byte b2 = r.ReadByte();
            if (b2 != (byte)CoreSort.Module) throw ComponentReader.InvalidLeadingByte(b2, "component external kind", at + 1);
            return Sort.OfCore(CoreSort.Module);
        }
        return ComponentExternalKind(b1, at);
    }

    private static Sort ComponentExternalKind(byte b, int at) => b switch
    {
        0x01 => Sort.Func,
        0x02 => Sort.Value,
        0x03 => Sort.Type,
        0x04 => Sort.Component,
        0x05 => Sort.Instance,
        _ => throw ComponentReader.InvalidLeadingByte(b, "component external kind", at),
    };

    private static Alias ReadAlias(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b1 = r.ReadByte();
        byte? b2 = b1 == 0x00 ? r.ReadByte() : null;
        byte target = r.ReadByte();
        switch (target)
        {
            case (byte)AliasTarget.InstanceExport:
            {
                Sort sort = b2 is { } k
                    ? (k == (byte)CoreSort.Module ? Sort.OfCore(CoreSort.Module) : throw ComponentReader.InvalidLeadingByte(k, "component external kind", at + 1))
                    : ComponentExternalKind(b1, at);
                uint instance = r.ReadU32();
                return Alias.Export(sort, instance, r.ReadString()) with { Offset = at };
            }
            case (byte)AliasTarget.CoreInstanceExport:
            {
                if (b2 is not { } k) throw ComponentReader.InvalidLeadingByte(b1, "core instance export kind", at);
                var sort = CoreExternalKind(k, at);
                uint instance = r.ReadU32();
                return Alias.CoreExport(sort, instance, r.ReadString()) with { Offset = at };
            }
            case (byte)AliasTarget.Outer:
            {
                var sort = OuterAliasKind(b1, b2, at);
                uint count = r.ReadU32();
                return Alias.Outer(sort, count, r.ReadU32()) with { Offset = at };
            }
            default: throw r.InvalidLeadingByte(target, "alias");
        }
    }

    private static Sort OuterAliasKind(byte b1, byte? b2, int at)
    {
        if (b2 is { } k)
            return k switch
            {
                (byte)CoreSort.Type => Sort.OfCore(CoreSort.Type),
                (byte)CoreSort.Module => Sort.OfCore(CoreSort.Module),
                _ => throw ComponentReader.InvalidLeadingByte(k, "component outer alias kind", at + 1),
            };
        return b1 switch
        {
            0x03 => Sort.Type,
            0x04 => Sort.Component,
            _ => throw ComponentReader.InvalidLeadingByte(b1, "component outer alias kind", at),
        };
    }

    /// <summary>A canonical definition, its immediates read in the order <see cref="CanonOpTable"/> lists them.</summary>
    private static CanonicalFunction ReadCanon(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b = r.ReadByte();
        var info = CanonOpTable.Lookup(b) ?? throw r.InvalidLeadingByte(b, "canonical function");
        var f = new CanonicalFunction(info.Op) { Offset = at };
        foreach (var imm in info.Immediates)
        {
            switch (imm)
            {
                case CanonImmediate.CoreFunc:
                {
                    byte sort = r.ReadByte();
                    if (sort != 0x00) throw r.InvalidLeadingByte(sort, "canonical function lift");
                    f = f with { FuncIndex = r.ReadU32() };
                    break;
                }
                case CanonImmediate.Func:
                {
                    byte sort = r.ReadByte();
                    if (sort != 0x00) throw r.InvalidLeadingByte(sort, "canonical function lower");
                    f = f with { FuncIndex = r.ReadU32() };
                    break;
                }
                case CanonImmediate.Type: f = f with { TypeIndex = r.ReadU32() }; break;
                case CanonImmediate.Options: f = f with { Options = ReadCanonOptions(ref r) }; break;
                case CanonImmediate.ResultList: f = f with { Result = ReadResultList(ref r) }; break;
                case CanonImmediate.CoreValType: f = f with { CoreValType = ReadCoreValType(ref r) }; break;
                case CanonImmediate.Slot: f = f with { Slot = r.ReadU32() }; break;
                case CanonImmediate.Async: f = f with { Async = r.ReadBool() }; break;
                case CanonImmediate.Cancellable: f = f with { Cancellable = r.ReadBool() }; break;
                case CanonImmediate.Shared: f = f with { Shared = r.ReadBool() }; break;
                case CanonImmediate.CoreMemory: f = f with { MemoryIndex = r.ReadU32() }; break;
                case CanonImmediate.CoreType: f = f with { CoreTypeIndex = r.ReadU32() }; break;
                case CanonImmediate.CoreTable: f = f with { TableIndex = r.ReadU32() }; break;
                default: throw new InvalidOperationException($"canon immediate {imm} has no reader");
            }
        }
        return f;
    }

    private static CanonOption[] ReadCanonOptions(ref ComponentReader r)
    {
        int n = r.ReadSize(ComponentLimits.CanonicalOptions, "canonical options");
        if (n == 0) return [];
        var options = new CanonOption[n];
        for (int i = 0; i < n; i++)
        {
            byte b = r.ReadByte();
            if (b > (byte)CanonOptionKind.Gc) throw r.InvalidLeadingByte(b, "canonical option");
            var option = new CanonOption((CanonOptionKind)b);
            options[i] = option.HasIndex ? option with { Index = r.ReadU32() } : option;
        }
        return options;
    }

    private static ComponentImport ReadImport(ref ComponentReader r)
    {
        int at = r.Offset;
        var name = ReadExternName(ref r);
        return new ComponentImport(name, ReadExternType(ref r)) { Offset = at };
    }

    private static ComponentExport ReadExport(ref ComponentReader r)
    {
        int at = r.Offset;
        var name = ReadExternName(ref r);
        var sort = ReadComponentExternalKind(ref r);
        uint index = r.ReadU32();
        byte b = r.ReadByte();
        ExternType? type = b switch
        {
            0x00 => null,
            0x01 => ReadExternType(ref r),
            _ => throw r.InvalidLeadingByte(b, "optional component export type"),
        };
        return new ComponentExport(name, new SortIndex(sort, index), type) { Offset = at };
    }

    /// <summary><c>nameattributes</c>: forms 0x00 and 0x01 are a plain name, 0x02 adds attributes (each kind at most once).</summary>
    private static ExternName ReadExternName(ref ComponentReader r)
    {
        byte form = r.ReadByte();
        if (form > 0x02) throw r.InvalidLeadingByte(form, "component name");
        var name = new ExternName(r.ReadString()) { Form = form };
        if (form != 0x02) return name;
        uint n = r.ReadU32();
        for (uint i = 0; i < n; i++)
        {
            int at = r.Offset;
            byte kind = r.ReadByte();
            switch (kind)
            {
                case 0x00:
                    if (name.Implements is not null) throw ComponentReader.ErrorAt("duplicate 'implements' option in name", at);
                    name = name with { Implements = r.ReadString() };
                    break;
                case 0x01:
                    if (name.VersionSuffix is not null) throw ComponentReader.ErrorAt("duplicate 'versionsuffix' option in name", at);
                    name = name with { VersionSuffix = r.ReadString() };
                    break;
                case 0x02:
                    if (name.ExternalId is not null) throw ComponentReader.ErrorAt("duplicate 'external-id' option in name", at);
                    name = name with { ExternalId = r.ReadString() };
                    break;
                default: throw r.InvalidLeadingByte(kind, "name option");
            }
        }
        return name;
    }

    /// <summary><c>externtype</c>. A value extern is read as a plain <c>valtype</c>, as wasm-tools reads and writes it
    /// (Binary.md's <c>valuebound</c> prefix byte is not in wasm-tools' encoding).</summary>
    private static ExternType ReadExternType(ref ComponentReader r)
    {
        var sort = ReadComponentExternalKind(ref r);
        if (sort.IsCore) return new ExternType(ExternKind.Module, r.ReadU32());
        switch (sort.Kind)
        {
            case SortKind.Func: return new ExternType(ExternKind.Func, r.ReadU32());
            case SortKind.Value: return ExternType.OfValue(ValueBound.OfType(ReadValType(ref r)));
            case SortKind.Type:
            {
                byte b = r.ReadByte();
                return b switch
                {
                    0x00 => ExternType.OfType(TypeBound.Eq(r.ReadU32())),
                    0x01 => ExternType.OfType(TypeBound.SubResource),
                    _ => throw r.InvalidLeadingByte(b, "type bound"),
                };
            }
            case SortKind.Component: return new ExternType(ExternKind.Component, r.ReadU32());
            case SortKind.Instance: return new ExternType(ExternKind.Instance, r.ReadU32());
            default: throw new InvalidOperationException($"extern kind {sort} has no reader");
        }
    }
}
