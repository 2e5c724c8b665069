using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// Translation of values that live in flat core values on both sides (Wasmtime's <c>translate</c> with stack
/// source and destination), in wasm: scalars, records, tuples, fixed-size lists, flags (unknown bits dropped),
/// enums and variants, options and results (discriminant checked, the selected case's payload moved between
/// the joined slots with the ABI's coercions: only the case type's bits cross). Strings and lists held flat as
/// (pointer, length) have their content copied by <paramref name="memory"/> (<see cref="MemoryTranslator"/>), which
/// only they need.
/// </summary>
internal sealed class FlatTranslator(AdapterFunctionBuilder f, TypeArena types, MemoryTranslator? memory = null)
{
    private readonly CodeWriter _c = f.Code;

    public void Translate(ResolvedValType t, FlatCursor src, FlatCursor dst)
    {
        if (ScalarTranslation.Scalar(types, t) is { } p)
        {
            var flat = FlatType(p);
            Read(src, flat);
            ScalarTranslation.Emit(f, p);
            Write(dst, flat);
            return;
        }
        if (MemoryTranslator.IsString(types, t))
        {
            var (ptr, len) = ReadPair(src);
            var (dp, dl) = Memory.CopyString(ptr, len);
            WritePair(dst, dp, dl);
            return;
        }
        var d = types.Defined(t.Type);
        switch (d.Kind)
        {
            case DefinedKind.List:
            {
                var (ptr, len) = ReadPair(src);
                uint dp = Memory.CopyList(d.Types[0]!.Value, ptr, len);
                WritePair(dst, dp, len);
                return;
            }
            case DefinedKind.Map:
            {
                var (ptr, len) = ReadPair(src);
                uint dp = Memory.CopyMap(d, ptr, len);
                WritePair(dst, dp, len);
                return;
            }
            case DefinedKind.Record or DefinedKind.Tuple:
                foreach (var c in d.Types) Translate(c!.Value, src, dst);
                return;
            case DefinedKind.FixedList:
                for (uint i = 0; i < d.Length; i++) Translate(d.Types[0]!.Value, src, dst);
                return;
            case DefinedKind.Flags:
                for (int word = 0, left = d.Names.Length; left > 0; word++, left -= 32)
                {
                    Read(src, ValType.I32);
                    if (left < 32)
                    {
                        _c.I32Const((int)((1u << left) - 1));
                        _c.Emit(Opcode.I32And);
                    }
                    Write(dst, ValType.I32);
                }
                return;
            case DefinedKind.Enum:
                Read(src, ValType.I32);
                CheckDiscriminant(d.Names.Length, out _);
                Write(dst, ValType.I32);
                return;
            default:
                TranslateVariant(t, Cases(d), src, dst);
                return;
        }
    }

    private MemoryTranslator Memory => memory ?? throw new InvalidOperationException("adapter: a string or list to translate without memories");

    private (uint Ptr, uint Length) ReadPair(FlatCursor src)
    {
        uint ptr = f.Temp(ValType.I32), len = f.Temp(ValType.I32);
        Read(src, ValType.I32);
        _c.Emit(Opcode.LocalSet, ptr);
        Read(src, ValType.I32);
        _c.Emit(Opcode.LocalSet, len);
        return (ptr, len);
    }

    private void WritePair(FlatCursor dst, uint ptr, uint len)
    {
        _c.Emit(Opcode.LocalGet, ptr);
        Write(dst, ValType.I32);
        _c.Emit(Opcode.LocalGet, len);
        Write(dst, ValType.I32);
    }

    private static ResolvedValType?[] Cases(DefinedTypeData d) => d.Kind == DefinedKind.Option ? [null, d.Types[0]] : d.Types;

    private void TranslateVariant(ResolvedValType t, ResolvedValType?[] cases, FlatCursor src, FlatCursor dst)
    {
        int payloadSlots = Flattening.Of(types, t).Length - 1;
        Read(src, ValType.I32);
        CheckDiscriminant(cases.Length, out uint disc);
        Write(dst, ValType.I32);
        int srcStart = src.Position, dstStart = dst.Position;
        for (int k = 0; k < cases.Length; k++)
        {
            if (cases[k] is not { } payload) continue;
            _c.Emit(Opcode.LocalGet, disc);
            _c.I32Const(k);
            _c.Emit(Opcode.I32Eq);
            _c.Block(Opcode.If, BlockType.Empty);
            src.Position = srcStart;
            dst.Position = dstStart;
            // Slots the case does not use keep the zero the fresh locals start with.
            Translate(payload, src, dst);
            _c.End();
        }
        src.Position = srcStart + payloadSlots;
        dst.Position = dstStart + payloadSlots;
    }

    // Traps unless the i32 on the stack is below `count`; leaves it on the stack, also kept in `local`.
    private void CheckDiscriminant(int count, out uint local)
    {
        local = f.Temp(ValType.I32);
        _c.Emit(Opcode.LocalTee, local);
        _c.I32Const(count);
        _c.Emit(Opcode.I32GeU);
        f.TrapIf(AdapterTrap.InvalidDiscriminant);
        _c.Emit(Opcode.LocalGet, local);
    }

    /// <summary>Pushes the next source slot as <paramref name="want"/> (definitions.py's <c>CoerceValueIter</c>).</summary>
    private void Read(FlatCursor src, ValType want)
    {
        var have = src.Types[src.Position];
        _c.Emit(Opcode.LocalGet, src.Locals[src.Position++]);
        switch (have, want)
        {
            case (ValType.I32, ValType.F32): _c.Emit(Opcode.F32ReinterpretI32); break;
            case (ValType.I64, ValType.I32): _c.Emit(Opcode.I32WrapI64); break;
            case (ValType.I64, ValType.F32): _c.Emit(Opcode.I32WrapI64); _c.Emit(Opcode.F32ReinterpretI32); break;
            case (ValType.I64, ValType.F64): _c.Emit(Opcode.F64ReinterpretI64); break;
            default: break;
        }
    }

    /// <summary>Stores the <paramref name="have"/> on the stack into the next destination slot, widened to the
    /// slot's joined type (definitions.py's lowering of variant payloads).</summary>
    private void Write(FlatCursor dst, ValType have)
    {
        var slot = dst.Types[dst.Position];
        switch (have, slot)
        {
            case (ValType.F32, ValType.I32): _c.Emit(Opcode.I32ReinterpretF32); break;
            case (ValType.I32, ValType.I64): _c.Emit(Opcode.I64ExtendI32U); break;
            case (ValType.F32, ValType.I64): _c.Emit(Opcode.I32ReinterpretF32); _c.Emit(Opcode.I64ExtendI32U); break;
            case (ValType.F64, ValType.I64): _c.Emit(Opcode.I64ReinterpretF64); break;
            default: break;
        }
        _c.Emit(Opcode.LocalSet, dst.Locals[dst.Position++]);
    }

    private static ValType FlatType(PrimValType p) => p switch
    {
        PrimValType.S64 or PrimValType.U64 => ValType.I64,
        PrimValType.F32 => ValType.F32,
        PrimValType.F64 => ValType.F64,
        _ => ValType.I32,
    };
}
