using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// Translation of one flat scalar (bool, integers, floats, char) from the caller's core value to the callee's,
/// in wasm (Wasmtime's <c>translate_bool/u8/char/f32…</c> for the stack-to-stack case): the value the caller
/// lowered is lifted as the ABI says (low bits of narrow integers, bool as nonzero, canonical NaN, char checked)
/// and lowered again.
/// </summary>
internal static class ScalarTranslation
{
    /// <summary>The primitive a value type is, when it is a flat scalar the adapter translates in wasm.</summary>
    public static PrimValType? Scalar(TypeArena types, ResolvedValType t)
    {
        PrimValType p;
        if (t.IsPrimitive) p = t.Primitive;
        else if (types.Defined(t.Type) is { Kind: DefinedKind.Primitive } d) p = d.Primitive;
        else return null;
        return p is PrimValType.String or PrimValType.ErrorContext ? null : p;
    }

    /// <summary>Emits the translation of the value on top of the stack (kept in a fresh local where a check
    /// needs it twice).</summary>
    public static void Emit(AdapterFunctionBuilder f, PrimValType p)
    {
        var c = f.Code;
        switch (p)
        {
            case PrimValType.Bool:
                c.I32Const(0);
                c.Emit(Opcode.I32Ne);
                break;
            case PrimValType.U8:
                c.I32Const(0xff);
                c.Emit(Opcode.I32And);
                break;
            case PrimValType.U16:
                c.I32Const(0xffff);
                c.Emit(Opcode.I32And);
                break;
            case PrimValType.S8: c.Emit(Opcode.I32Extend8S); break;
            case PrimValType.S16: c.Emit(Opcode.I32Extend16S); break;
            case PrimValType.F32: Canonicalize(f, ValType.F32); break;
            case PrimValType.F64: Canonicalize(f, ValType.F64); break;
            case PrimValType.Char: CheckChar(f); break;
            default: break; // s32, u32, s64, u64: every bit pattern is valid
        }
    }

    // The deterministic profile's NaN: any NaN becomes the canonical one, as the runtime's lift does.
    private static void Canonicalize(AdapterFunctionBuilder f, ValType t)
    {
        var c = f.Code;
        uint v = f.Temp(t);
        c.Emit(Opcode.LocalSet, v);
        c.Emit(Opcode.LocalGet, v);
        if (t == ValType.F32) c.F32Const(0x7fc00000u); else c.F64Const(0x7ff8000000000000ul);
        c.Emit(Opcode.LocalGet, v);
        c.Emit(Opcode.LocalGet, v);
        c.Emit(t == ValType.F32 ? Opcode.F32Eq : Opcode.F64Eq);
        c.Emit(Opcode.Select);
    }

    // A char is a Unicode scalar value: below 0x110000 and not a surrogate (0xD800..0xDFFF).
    private static void CheckChar(AdapterFunctionBuilder f)
    {
        var c = f.Code;
        uint v = f.Temp(ValType.I32);
        c.Emit(Opcode.LocalSet, v);
        c.Emit(Opcode.LocalGet, v);
        c.I32Const(0x110000);
        c.Emit(Opcode.I32GeU);
        c.Emit(Opcode.LocalGet, v);
        c.I32Const(0xD800);
        c.Emit(Opcode.I32Sub);
        c.I32Const(0x800);
        c.Emit(Opcode.I32LtU);
        c.Emit(Opcode.I32Or);
        f.TrapIf(AdapterTrap.InvalidChar);
        c.Emit(Opcode.LocalGet, v);
    }
}
