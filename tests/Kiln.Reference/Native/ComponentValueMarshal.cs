using System.Text;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference.Native;

/// <summary>
/// <see cref="ComponentValue"/> ↔ <c>wasmtime_component_val_t</c>. Values built here live entirely in memory that
/// Wasmtime allocated (<c>wasm_byte_vec_new</c>, <c>wasmtime_component_val*_new_uninit</c>,
/// <c>wasmtime_component_val_new</c>), so whoever ends up owning them frees them with
/// <c>wasmtime_component_val_delete</c>: this binding for call arguments, Wasmtime for host-function results.
/// At every step the tree under construction is a valid value (a fresh slot is <c>bool false</c>), so deleting
/// it after a failure part-way is safe.
/// </summary>
internal static unsafe class ComponentValueMarshal
{
    public static void ToNative(ComponentValue value, NativeComponentVal* dst)
    {
        *dst = default;
        switch (value)
        {
            case ComponentValue.Bool v: dst->Bool = v.Value ? (byte)1 : (byte)0; break;
            case ComponentValue.S8 v: dst->S8 = v.Value; break;
            case ComponentValue.U8 v: dst->U8 = v.Value; break;
            case ComponentValue.S16 v: dst->S16 = v.Value; break;
            case ComponentValue.U16 v: dst->U16 = v.Value; break;
            case ComponentValue.S32 v: dst->S32 = v.Value; break;
            case ComponentValue.U32 v: dst->U32 = v.Value; break;
            case ComponentValue.S64 v: dst->S64 = v.Value; break;
            case ComponentValue.U64 v: dst->U64 = v.Value; break;
            case ComponentValue.F32 v: dst->F32 = v.Value; break;
            case ComponentValue.F64 v: dst->F64 = v.Value; break;
            case ComponentValue.Char v: dst->Char = (uint)v.Value.Value; break;
            case ComponentValue.String v: NewName(&dst->Name, v.Value); break;
            case ComponentValue.Enum v: NewName(&dst->Name, v.Case); break;
            case ComponentValue.List v:
                dst->Kind = ComponentValueKind.List;
                Items(dst, v.Items, isTuple: false);
                return;
            case ComponentValue.Tuple v:
                dst->Kind = ComponentValueKind.Tuple;
                Items(dst, v.Items, isTuple: true);
                return;
            case ComponentValue.Record v:
            {
                ByteVec vec;
                wasmtime_component_valrecord_new_uninit(&vec, (nuint)v.Fields.Count);
                dst->Kind = ComponentValueKind.Record;
                dst->VecSize = vec.Size;
                dst->VecData = vec.Data;
                var entries = (NativeRecordEntry*)vec.Data;
                for (int i = 0; i < v.Fields.Count; i++)
                {
                    NewName(&entries[i].Name, v.Fields[i].Key);
                    ToNative(v.Fields[i].Value, &entries[i].Val);
                }
                return;
            }
            case ComponentValue.Flags v:
            {
                ByteVec vec;
                wasmtime_component_valflags_new_uninit(&vec, (nuint)v.Names.Count);
                dst->Kind = ComponentValueKind.Flags;
                dst->VecSize = vec.Size;
                dst->VecData = vec.Data;
                var names = (ByteVec*)vec.Data;
                for (int i = 0; i < v.Names.Count; i++) NewName(&names[i], v.Names[i]);
                return;
            }
            case ComponentValue.Variant v:
                NewName(&dst->Name, v.Case);
                dst->Kind = ComponentValueKind.Variant;
                dst->VariantPayload = Box(v.Payload);
                return;
            case ComponentValue.Option v:
                dst->OptionPayload = Box(v.Value);
                break;
            case ComponentValue.Result v:
                dst->ResultIsOk = v.IsOk ? (byte)1 : (byte)0;
                dst->ResultPayload = Box(v.Payload);
                break;
            default:
                throw new WasmtimeException($"component value kind {value.Kind} is not supported by Kiln.Reference");
        }
        dst->Kind = value.Kind;
    }

    public static ComponentValue FromNative(NativeComponentVal* v) => v->Kind switch
    {
        ComponentValueKind.Bool => new ComponentValue.Bool(v->Bool != 0),
        ComponentValueKind.S8 => new ComponentValue.S8(v->S8),
        ComponentValueKind.U8 => new ComponentValue.U8(v->U8),
        ComponentValueKind.S16 => new ComponentValue.S16(v->S16),
        ComponentValueKind.U16 => new ComponentValue.U16(v->U16),
        ComponentValueKind.S32 => new ComponentValue.S32(v->S32),
        ComponentValueKind.U32 => new ComponentValue.U32(v->U32),
        ComponentValueKind.S64 => new ComponentValue.S64(v->S64),
        ComponentValueKind.U64 => new ComponentValue.U64(v->U64),
        ComponentValueKind.F32 => new ComponentValue.F32(v->F32),
        ComponentValueKind.F64 => new ComponentValue.F64(v->F64),
        ComponentValueKind.Char => new ComponentValue.Char(new Rune(v->Char)),
        ComponentValueKind.String => new ComponentValue.String(Encoding.UTF8.GetString(v->Name.Span)),
        ComponentValueKind.Enum => new ComponentValue.Enum(Encoding.UTF8.GetString(v->Name.Span)),
        ComponentValueKind.List => new ComponentValue.List(Elements(v)),
        ComponentValueKind.Tuple => new ComponentValue.Tuple(Elements(v)),
        ComponentValueKind.Record => new ComponentValue.Record(Fields(v)),
        ComponentValueKind.Flags => new ComponentValue.Flags(FlagNames(v)),
        ComponentValueKind.Variant => new ComponentValue.Variant(Encoding.UTF8.GetString(v->Name.Span), Unbox(v->VariantPayload)),
        ComponentValueKind.Option => new ComponentValue.Option(Unbox(v->OptionPayload)),
        ComponentValueKind.Result => new ComponentValue.Result(v->ResultIsOk != 0, Unbox(v->ResultPayload)),
        _ => throw new WasmtimeException($"component value kind {(byte)v->Kind} is not supported by Kiln.Reference"),
    };

    private static void Items(NativeComponentVal* dst, IReadOnlyList<ComponentValue> items, bool isTuple)
    {
        ByteVec vec;
        if (isTuple) wasmtime_component_valtuple_new_uninit(&vec, (nuint)items.Count);
        else wasmtime_component_vallist_new_uninit(&vec, (nuint)items.Count);
        dst->VecSize = vec.Size;
        dst->VecData = vec.Data;
        var slots = (NativeComponentVal*)vec.Data;
        for (int i = 0; i < items.Count; i++) ToNative(items[i], &slots[i]);
    }

    /// <summary>A Wasmtime-owned heap copy of <paramref name="value"/> (<c>wasmtime_component_val_new</c> moves the
    /// temporary into the box), or null.</summary>
    private static NativeComponentVal* Box(ComponentValue? value)
    {
        if (value is null) return null;
        NativeComponentVal tmp;
        try
        {
            ToNative(value, &tmp);
        }
        catch
        {
            wasmtime_component_val_delete(&tmp);
            throw;
        }
        return wasmtime_component_val_new(&tmp);
    }

    private static ComponentValue? Unbox(NativeComponentVal* p) => p == null ? null : FromNative(p);

    private static void NewName(ByteVec* dst, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = utf8) wasm_byte_vec_new(dst, (nuint)utf8.Length, p);
    }

    private static ComponentValue[] Elements(NativeComponentVal* v)
    {
        var items = new ComponentValue[(int)v->VecSize];
        var slots = (NativeComponentVal*)v->VecData;
        for (int i = 0; i < items.Length; i++) items[i] = FromNative(&slots[i]);
        return items;
    }

    private static KeyValuePair<string, ComponentValue>[] Fields(NativeComponentVal* v)
    {
        var fields = new KeyValuePair<string, ComponentValue>[(int)v->VecSize];
        var entries = (NativeRecordEntry*)v->VecData;
        for (int i = 0; i < fields.Length; i++)
            fields[i] = KeyValuePair.Create(Encoding.UTF8.GetString(entries[i].Name.Span), FromNative(&entries[i].Val));
        return fields;
    }

    private static string[] FlagNames(NativeComponentVal* v)
    {
        var names = new string[(int)v->VecSize];
        var vecs = (ByteVec*)v->VecData;
        for (int i = 0; i < names.Length; i++) names[i] = Encoding.UTF8.GetString(vecs[i].Span);
        return names;
    }
}
