using Kiln.Runtime;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Cli.Wast;

/// <summary>Converts between script values and runtime values (extern references through <see cref="ExternToken"/>s).</summary>
internal sealed class WastValues
{
    private readonly Dictionary<ulong, ExternToken> _tokens = [];

    public Value ToValue(in WastValue v) => v.Type switch
    {
        ValType.I32 => Value.I32(v.AsI32),
        ValType.I64 => Value.I64(v.AsI64),
        ValType.F32 => Value.F32Bits((uint)v.Bits),
        ValType.F64 => Value.F64Bits(v.Bits),
        ValType.V128 => Value.V128(v.Bits, v.High),
        ValType.FuncRef => Value.Null(ValType.FuncRef), // scripts can only write ref.null func
        _ => v.IsNull ? Value.Null(ValType.ExternRef) : Value.ExternRef(Token(v.Bits)),
    };

    public static WastValue FromValue(in Value v)
    {
        switch (v.Type)
        {
            case ValType.I32: return WastValue.I32(v.AsI32());
            case ValType.I64: return WastValue.I64(v.AsI64());
            case ValType.F32: return WastValue.F32Bits(v.AsF32Bits());
            case ValType.F64: return WastValue.F64Bits(v.AsF64Bits());
            case ValType.V128:
                var x = v.AsV128();
                return WastValue.V128((ulong)x, (ulong)(x >> 64));
            case ValType.FuncRef:
                return v.IsNull ? WastValue.RefNull(ValType.FuncRef) : new WastValue(ValType.FuncRef, 0);
            default:
                if (v.IsNull) return WastValue.RefNull(ValType.ExternRef);
                return v.AsExternRef() is ExternToken t ? new WastValue(ValType.ExternRef, t.Number) : new WastValue(ValType.ExternRef, ulong.MaxValue);
        }
    }

    private ExternToken Token(ulong n)
    {
        if (!_tokens.TryGetValue(n, out var t)) _tokens[n] = t = new ExternToken(n);
        return t;
    }
}
