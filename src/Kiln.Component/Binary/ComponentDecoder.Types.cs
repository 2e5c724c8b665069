using Kiln.Component.Model;
using Kiln.Wasm.Model;

namespace Kiln.Component.Binary;

// Type definitions: core types (function, sub and module types), component types (defined value types,
// function, component, instance and resource types) and the declarators inside them.
public sealed partial class ComponentDecoder
{
    private const byte ResourceForm = 0x3f, FuncForm = 0x40, ComponentForm = 0x41, InstanceForm = 0x42, AsyncFuncForm = 0x43;
    private const byte CoreFuncForm = 0x60, CoreSubForm = 0x50, CoreSubFinalForm = 0x4f, CoreModuleForm = 0x50;

    private TypeDefinition ReadType(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b = r.ReadByte();
        TypeDefinition t;
        switch (b)
        {
            case ResourceForm:
            {
                var rep = ReadCoreValType(ref r);
                byte d = r.ReadByte();
                uint? dtor = d switch
                {
                    0x00 => null,
                    0x01 => r.ReadU32(),
                    _ => throw r.InvalidLeadingByte(d, "resource destructor"),
                };
                t = new ResourceTypeDefinition(rep, dtor);
                break;
            }
            case FuncForm or AsyncFuncForm:
            {
                var ps = ReadLabeledTypes(ref r, ComponentLimits.FunctionParams, "component function parameters");
                t = new ComponentFuncType(ps, ReadResultList(ref r), b == AsyncFuncForm);
                break;
            }
            case ComponentForm:
                t = new ComponentTypeDefinition(ReadDeclarations(ref r, component: true, at));
                break;
            case InstanceForm:
                t = new InstanceTypeDefinition(ReadDeclarations(ref r, component: false, at));
                break;
            default:
                t = ReadDefinedType(ref r, b);
                break;
        }
        return t with { Offset = at };
    }

    private static DefinedType ReadDefinedType(ref ComponentReader r, byte b)
    {
        if (PrimValTypes.IsValid(b)) return new PrimitiveDefinedType((PrimValType)b);
        switch (b)
        {
            case 0x72: return new RecordType(ReadLabeledTypes(ref r, ComponentLimits.RecordFields, "record field"));
            case 0x71:
            {
                int n = r.ReadSize(ComponentLimits.VariantCases, "variant cases");
                var cases = new VariantCase[n];
                for (int i = 0; i < n; i++)
                {
                    string label = r.ReadString();
                    var payload = ReadOptionalValType(ref r);
                    byte z = r.ReadByte();
                    if (z != 0x00) throw r.InvalidLeadingByte(z, "zero byte required");
                    cases[i] = new VariantCase(label, payload);
                }
                return new VariantType(cases);
            }
            case 0x70: return new ListType(ReadValType(ref r));
            case 0x67:
            {
                var element = ReadValType(ref r);
                return new FixedListType(element, r.ReadU32());
            }
            case 0x63:
            {
                var key = ReadValType(ref r);
                return new MapType(key, ReadValType(ref r));
            }
            case 0x6f:
            {
                int n = r.ReadSize(ComponentLimits.TupleTypes, "tuple types");
                var types = new ComponentValType[n];
                for (int i = 0; i < n; i++) types[i] = ReadValType(ref r);
                return new TupleType(types);
            }
            case 0x6e: return new FlagsType(ReadLabels(ref r, ComponentLimits.FlagNames, "flag names"));
            case 0x6d: return new EnumType(ReadLabels(ref r, ComponentLimits.EnumCases, "enum cases"));
            case 0x6b: return new OptionType(ReadValType(ref r));
            case 0x6a:
            {
                var ok = ReadOptionalValType(ref r);
                return new ResultType(ok, ReadOptionalValType(ref r));
            }
            case 0x69: return new OwnType(r.ReadU32());
            case 0x68: return new BorrowType(r.ReadU32());
            case 0x66: return new StreamType(ReadOptionalValType(ref r));
            case 0x65: return new FutureType(ReadOptionalValType(ref r));
            default: throw r.InvalidLeadingByte(b, "component defined type");
        }
    }

    private static LabeledType[] ReadLabeledTypes(ref ComponentReader r, int limit, string desc)
    {
        int n = r.ReadSize(limit, desc);
        if (n == 0) return [];
        var list = new LabeledType[n];
        for (int i = 0; i < n; i++)
        {
            string label = r.ReadString();
            list[i] = new LabeledType(label, ReadValType(ref r));
        }
        return list;
    }

    private static string[] ReadLabels(ref ComponentReader r, int limit, string desc)
    {
        int n = r.ReadSize(limit, desc);
        var labels = new string[n];
        for (int i = 0; i < n; i++) labels[i] = r.ReadString();
        return labels;
    }

    /// <summary><c>valtype</c>: a primitive code, or a non-negative s33 type index (a negative s33 that is no
    /// primitive becomes an out-of-range index, as wasmparser reads it, for the validator to refuse).</summary>
    internal static ComponentValType ReadValType(ref ComponentReader r)
    {
        byte b = r.PeekByte();
        if (PrimValTypes.IsValid(b))
        {
            r.ReadByte();
            return ComponentValType.Of((PrimValType)b);
        }
        return ComponentValType.Ref((uint)r.ReadS33());
    }

    private static ComponentValType? ReadOptionalValType(ref ComponentReader r)
    {
        byte b = r.ReadByte();
        return b switch
        {
            0x00 => null,
            0x01 => ReadValType(ref r),
            _ => throw r.InvalidLeadingByte(b, "optional component value type"),
        };
    }

    private static ComponentValType? ReadResultList(ref ComponentReader r)
    {
        byte b = r.ReadByte();
        switch (b)
        {
            case 0x00: return ReadValType(ref r);
            case 0x01:
                byte z = r.ReadByte();
                if (z != 0x00) throw r.InvalidLeadingByte(z, "number of results");
                return null;
            default: throw r.InvalidLeadingByte(b, "component function results");
        }
    }

    /// <summary>The declarators of a component type (imports allowed) or an instance type.</summary>
    private TypeDeclaration[] ReadDeclarations(ref ComponentReader r, bool component, int typeAt)
    {
        if (++_depth > ComponentLimits.MaxNesting) throw ComponentReader.ErrorAt("type nesting too deep", typeAt);
        int n = component
            ? r.ReadSize(ComponentLimits.ComponentTypeDecls, "component type declaration")
            : r.ReadSize(ComponentLimits.InstanceTypeDecls, "instance type declaration");
        var decls = new TypeDeclaration[n];
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            byte b = r.ReadByte();
            TypeDeclaration d = b switch
            {
                0x00 => new CoreTypeDeclaration(ReadCoreType(ref r)),
                0x01 => new TypeDefinitionDeclaration(ReadType(ref r)),
                0x02 => new AliasDeclaration(ReadAlias(ref r)),
                0x03 when component => ReadImportDeclaration(ref r),
                0x04 => ReadExportDeclaration(ref r),
                _ => throw r.InvalidLeadingByte(b, "component or instance type declaration"),
            };
            decls[i] = d with { Offset = at };
        }
        _depth--;
        return decls;
    }

    private static ImportDeclaration ReadImportDeclaration(ref ComponentReader r)
    {
        var name = ReadExternName(ref r);
        return new ImportDeclaration(name, ReadExternType(ref r));
    }

    private static ExportDeclaration ReadExportDeclaration(ref ComponentReader r)
    {
        var name = ReadExternName(ref r);
        return new ExportDeclaration(name, ReadExternType(ref r));
    }

    /// <summary><c>core:type</c> of a component's core type section or a <c>0x00</c> declarator: bare <c>0x50</c> is a
    /// module type, a non-final <c>sub</c> takes a <c>0x00</c> prefix (Binary.md's pre-1.0 wart).</summary>
    private CoreTypeDefinition ReadCoreType(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b = r.PeekByte();
        CoreTypeDefinition t;
        if (b == 0x00)
        {
            r.ReadByte();
            byte x = r.PeekByte();
            if (x != CoreSubForm) throw ComponentReader.InvalidLeadingByte(x, "non-final sub type", r.Offset);
            t = ReadRecGroup(ref r);
        }
        else if (b == CoreModuleForm)
        {
            r.ReadByte();
            t = new CoreModuleTypeDefinition(ReadModuleDeclarations(ref r));
        }
        else
        {
            t = ReadRecGroup(ref r);
        }
        return t with { Offset = at };
    }

    /// <summary>A core rec group as far as Kiln's core model goes: one function type, or one <c>sub</c> over a
    /// function type. Explicit rec groups and struct/array types are refused as unsupported.</summary>
    private static CoreTypeDefinition ReadRecGroup(ref ComponentReader r)
    {
        int at = r.Offset;
        byte b = r.ReadByte();
        switch (b)
        {
            case CoreFuncForm: return new CoreFuncTypeDefinition(ReadCoreFuncType(ref r));
            case CoreSubForm or CoreSubFinalForm:
            {
                int n = r.ReadSize(ComponentLimits.Supertypes, "supertype");
                var supers = new uint[n];
                for (int i = 0; i < n; i++) supers[i] = r.ReadU32();
                byte c = r.ReadByte();
                if (c != CoreFuncForm)
                {
                    if (c is 0x5e or 0x5f or 0x65) throw ComponentReader.ErrorAt("struct, array and shared core types are not supported", r.Offset - 1);
                    throw r.InvalidLeadingByte(c, "type");
                }
                return new CoreSubTypeDefinition(b == CoreSubFinalForm, supers, ReadCoreFuncType(ref r));
            }
            case 0x4e: throw ComponentReader.ErrorAt("core rec groups are not supported", at);
            case 0x5e or 0x5f or 0x65: throw ComponentReader.ErrorAt("struct, array and shared core types are not supported", at);
            default: throw r.InvalidLeadingByte(b, "type");
        }
    }

    private static FuncType ReadCoreFuncType(ref ComponentReader r)
    {
        var ps = ReadCoreValTypes(ref r);
        var rs = ReadCoreValTypes(ref r);
        return ps.Length == 0 && rs.Length == 0 ? FuncType.Empty : new FuncType(ps, rs);
    }

    private static ValType[] ReadCoreValTypes(ref ComponentReader r)
    {
        int n = r.ReadSize(ComponentLimits.FunctionParams, "function params");
        if (n == 0) return [];
        var types = new ValType[n];
        for (int i = 0; i < n; i++) types[i] = ReadCoreValType(ref r);
        return types;
    }

    internal static ValType ReadCoreValType(ref ComponentReader r)
    {
        byte b = r.ReadByte();
        if (!ValTypeExtensions.IsValid(b)) throw ComponentReader.ErrorAt("invalid value type", r.Offset - 1);
        return (ValType)b;
    }

    private ModuleTypeDeclaration[] ReadModuleDeclarations(ref ComponentReader r)
    {
        int n = r.ReadSize(ComponentLimits.ModuleTypeDecls, "module type declaration");
        var decls = new ModuleTypeDeclaration[n];
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            byte b = r.ReadByte();
            ModuleTypeDeclaration d;
            switch (b)
            {
                case 0x00:
                {
                    string module = r.ReadString();
                    string name = r.ReadString();
                    d = new ModuleImportDeclaration(module, name, ReadCoreExternType(ref r));
                    break;
                }
                case 0x01: d = new ModuleTypeDefinitionDeclaration(ReadRecGroup(ref r)); break;
                case 0x02:
                {
                    byte kind = r.ReadByte();
                    if (kind != (byte)CoreSort.Type) throw r.InvalidLeadingByte(kind, "outer alias kind");
                    byte target = r.ReadByte();
                    if (target != 0x01) throw r.InvalidLeadingByte(target, "outer alias target");
                    uint count = r.ReadU32();
                    d = new ModuleOuterAliasDeclaration(count, r.ReadU32());
                    break;
                }
                case 0x03:
                {
                    string name = r.ReadString();
                    d = new ModuleExportDeclaration(name, ReadCoreExternType(ref r));
                    break;
                }
                default: throw r.InvalidLeadingByte(b, "type definition");
            }
            decls[i] = d with { Offset = at };
        }
        return decls;
    }

    /// <summary>A core import or export descriptor (core <c>externtype</c>) with Wasm 2.0 limits and tags.</summary>
    private static CoreExternType ReadCoreExternType(ref ComponentReader r)
    {
        var kind = ReadCoreExternalKind(ref r);
        switch (kind)
        {
            case CoreSort.Func: return new CoreExternType(kind) { TypeIndex = r.ReadU32() };
            case CoreSort.Table:
            {
                var elem = ReadCoreValType(ref r);
                if (!elem.IsReference()) throw ComponentReader.ErrorAt("malformed reference type", r.Offset - 1);
                return new CoreExternType(kind) { Table = new TableType(elem, ReadLimits(ref r, "invalid table resizable limits flags")) };
            }
            case CoreSort.Memory:
            {
                // Memories may carry the threads proposal's shared bit (0x02) besides the maximum bit.
                byte flags = r.ReadByte();
                if (flags > 3) throw ComponentReader.ErrorAt("invalid memory limits flags", r.Offset - 1);
                uint min = r.ReadU32();
                uint? max = (flags & 1) != 0 ? r.ReadU32() : null;
                return new CoreExternType(kind) { Memory = new MemoryType(new Limits(min, max), Shared: (flags & 2) != 0) };
            }
            case CoreSort.Global:
            {
                var t = ReadCoreValType(ref r);
                byte m = r.ReadByte();
                if (m > 1) throw ComponentReader.ErrorAt("malformed mutability", r.Offset - 1);
                return new CoreExternType(kind) { Global = new GlobalType(t, m == 1) };
            }
            case CoreSort.Tag:
            {
                byte attribute = r.ReadByte();
                if (attribute != 0x00) throw r.InvalidLeadingByte(attribute, "exception tag attribute");
                return new CoreExternType(kind) { TypeIndex = r.ReadU32() };
            }
            default: throw new InvalidOperationException($"core extern kind {kind} has no reader");
        }
    }

    private static Limits ReadLimits(ref ComponentReader r, string badFlags)
    {
        byte flags = r.ReadByte();
        if (flags > 1) throw ComponentReader.ErrorAt(badFlags, r.Offset - 1);
        uint min = r.ReadU32();
        return flags == 1 ? new Limits(min, r.ReadU32()) : new Limits(min, null);
    }
}
