using Kiln.Component.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Binary;

// Type definitions, core types and the declarators inside component, instance and module types.
public static partial class ComponentEncoder
{
    internal static void WriteValType(WasmWriter w, ComponentValType t)
    {
        if (t.IsPrimitive) w.WriteByte((byte)t.Primitive);
        else w.WriteS64(t.TypeIndex);
    }

    private static void WriteOptionalValType(WasmWriter w, ComponentValType? t)
    {
        if (t is { } v) { w.WriteByte(0x01); WriteValType(w, v); }
        else w.WriteByte(0x00);
    }

    private static void WriteResultList(WasmWriter w, ComponentValType? result)
    {
        if (result is { } r) { w.WriteByte(0x00); WriteValType(w, r); }
        else { w.WriteByte(0x01); w.WriteByte(0x00); }
    }

    private static void WriteLabeled(WasmWriter w, IReadOnlyList<LabeledType> list) =>
        WriteVector(w, list, (w2, l) => { w2.WriteName(l.Label); WriteValType(w2, l.Type); });

    private static void WriteType(WasmWriter w, TypeDefinition t)
    {
        switch (t)
        {
            case ResourceTypeDefinition r:
                w.WriteByte(0x3f);
                w.WriteByte((byte)r.Representation);
                if (r.Destructor is { } dtor) { w.WriteByte(0x01); w.WriteU32(dtor); }
                else w.WriteByte(0x00);
                break;
            case ComponentFuncType f:
                w.WriteByte(f.Async ? (byte)0x43 : (byte)0x40);
                WriteLabeled(w, f.Params);
                WriteResultList(w, f.Result);
                break;
            case ComponentTypeDefinition c:
                w.WriteByte(0x41);
                WriteVector(w, c.Declarations, WriteDeclaration);
                break;
            case InstanceTypeDefinition i:
                w.WriteByte(0x42);
                WriteVector(w, i.Declarations, WriteDeclaration);
                break;
            case DefinedType d: WriteDefinedType(w, d); break;
            default: throw new ArgumentException($"no encoding for {t.GetType().Name}", nameof(t));
        }
    }

    private static void WriteDefinedType(WasmWriter w, DefinedType t)
    {
        switch (t)
        {
            case PrimitiveDefinedType p: w.WriteByte((byte)p.Type); break;
            case RecordType r: w.WriteByte(0x72); WriteLabeled(w, r.Fields); break;
            case VariantType v:
                w.WriteByte(0x71);
                WriteVector(w, v.Cases, (w2, c) => { w2.WriteName(c.Label); WriteOptionalValType(w2, c.Type); w2.WriteByte(0x00); });
                break;
            case ListType l: w.WriteByte(0x70); WriteValType(w, l.Element); break;
            case FixedListType l: w.WriteByte(0x67); WriteValType(w, l.Element); w.WriteU32(l.Length); break;
            case MapType m: w.WriteByte(0x63); WriteValType(w, m.Key); WriteValType(w, m.Value); break;
            case TupleType tu: w.WriteByte(0x6f); WriteVector(w, tu.Types, WriteValType); break;
            case FlagsType f: w.WriteByte(0x6e); WriteVector(w, f.Names, (w2, n) => w2.WriteName(n)); break;
            case EnumType e: w.WriteByte(0x6d); WriteVector(w, e.Names, (w2, n) => w2.WriteName(n)); break;
            case OptionType o: w.WriteByte(0x6b); WriteValType(w, o.Type); break;
            case ResultType r: w.WriteByte(0x6a); WriteOptionalValType(w, r.Ok); WriteOptionalValType(w, r.Error); break;
            case OwnType o: w.WriteByte(0x69); w.WriteU32(o.ResourceIndex); break;
            case BorrowType b: w.WriteByte(0x68); w.WriteU32(b.ResourceIndex); break;
            case StreamType s: w.WriteByte(0x66); WriteOptionalValType(w, s.Element); break;
            case FutureType f: w.WriteByte(0x65); WriteOptionalValType(w, f.Element); break;
            default: throw new ArgumentException($"no encoding for {t.GetType().Name}", nameof(t));
        }
    }

    private static void WriteDeclaration(WasmWriter w, TypeDeclaration d)
    {
        switch (d)
        {
            case CoreTypeDeclaration c: w.WriteByte(0x00); WriteCoreType(w, c.Type, inModuleType: false); break;
            case TypeDefinitionDeclaration t: w.WriteByte(0x01); WriteType(w, t.Type); break;
            case AliasDeclaration a: w.WriteByte(0x02); WriteAlias(w, a.Alias); break;
            case ImportDeclaration i: w.WriteByte(0x03); WriteExternName(w, i.Name); WriteExternType(w, i.Type); break;
            case ExportDeclaration e: w.WriteByte(0x04); WriteExternName(w, e.Name); WriteExternType(w, e.Type); break;
            default: throw new ArgumentException($"no encoding for {d.GetType().Name}", nameof(d));
        }
    }

    /// <summary>A core type; outside a module type a non-final <c>sub</c> takes the <c>0x00</c> prefix that tells it
    /// from a module type (Binary.md).</summary>
    private static void WriteCoreType(WasmWriter w, CoreTypeDefinition t, bool inModuleType)
    {
        switch (t)
        {
            case CoreFuncTypeDefinition f: WriteCoreFuncType(w, f.Type); break;
            case CoreSubTypeDefinition s:
                if (!s.IsFinal && !inModuleType) w.WriteByte(0x00);
                w.WriteByte(s.IsFinal ? (byte)0x4f : (byte)0x50);
                WriteVector(w, s.Supertypes, (w2, x) => w2.WriteU32(x));
                WriteCoreFuncType(w, s.Type);
                break;
            case CoreModuleTypeDefinition m:
                if (inModuleType) throw new ArgumentException("a module type cannot nest in a module type", nameof(t));
                w.WriteByte(0x50);
                WriteVector(w, m.Declarations, WriteModuleDeclaration);
                break;
            default: throw new ArgumentException($"no encoding for {t.GetType().Name}", nameof(t));
        }
    }

    private static void WriteCoreFuncType(WasmWriter w, FuncType f)
    {
        w.WriteByte(0x60);
        WriteVector(w, f.Params, (w2, v) => w2.WriteByte((byte)v));
        WriteVector(w, f.Results, (w2, v) => w2.WriteByte((byte)v));
    }

    private static void WriteModuleDeclaration(WasmWriter w, ModuleTypeDeclaration d)
    {
        switch (d)
        {
            case ModuleImportDeclaration i: w.WriteByte(0x00); w.WriteName(i.Module); w.WriteName(i.Name); WriteCoreExternType(w, i.Type); break;
            case ModuleTypeDefinitionDeclaration t: w.WriteByte(0x01); WriteCoreType(w, t.Type, inModuleType: true); break;
            case ModuleOuterAliasDeclaration a: w.WriteByte(0x02); w.WriteByte((byte)CoreSort.Type); w.WriteByte(0x01); w.WriteU32(a.Count); w.WriteU32(a.Index); break;
            case ModuleExportDeclaration e: w.WriteByte(0x03); w.WriteName(e.Name); WriteCoreExternType(w, e.Type); break;
            default: throw new ArgumentException($"no encoding for {d.GetType().Name}", nameof(d));
        }
    }

    private static void WriteCoreExternType(WasmWriter w, CoreExternType t)
    {
        w.WriteByte((byte)t.Kind);
        switch (t.Kind)
        {
            case CoreSort.Func: w.WriteU32(t.TypeIndex); break;
            case CoreSort.Table: w.WriteByte((byte)t.Table.ElementType); WriteLimits(w, t.Table.Limits); break;
            case CoreSort.Memory: WriteLimits(w, t.Memory.Limits, t.Memory.Shared); break;
            case CoreSort.Global: w.WriteByte((byte)t.Global.ValueType); w.WriteByte(t.Global.Mutable ? (byte)1 : (byte)0); break;
            case CoreSort.Tag: w.WriteByte(0x00); w.WriteU32(t.TypeIndex); break;
            default: throw new ArgumentException($"no encoding for core extern kind {t.Kind}", nameof(t));
        }
    }

    /// <summary>Limits; a shared memory sets the threads proposal's flag bit 0x02.</summary>
    private static void WriteLimits(WasmWriter w, Limits l, bool shared = false)
    {
        w.WriteByte((byte)((l.Max is null ? 0 : 1) | (shared ? 2 : 0)));
        w.WriteU64(l.Min);
        if (l.Max is { } max) w.WriteU64(max);
    }
}
