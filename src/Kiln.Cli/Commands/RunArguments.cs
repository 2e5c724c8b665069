using System.Globalization;
using Kiln.Runtime;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Printing;

namespace Kiln.Cli.Commands;

/// <summary>Command-line text ↔ values for <c>kiln run</c>, in the text format's spelling of numbers.</summary>
internal static class RunArguments
{
    public static Value Parse(string text, ValType type, int position)
    {
        switch (type)
        {
            case ValType.I32 when WatNumbers.ParseInt(text, 32, out ulong v) == NumberStatus.Ok:
                return Value.I32((int)(uint)v);
            case ValType.I64 when WatNumbers.ParseInt(text, 64, out ulong v) == NumberStatus.Ok:
                return Value.I64((long)v);
            case ValType.F32 when WatNumbers.ParseF32(text, out uint bits) == NumberStatus.Ok:
                return Value.F32Bits(bits);
            case ValType.F64 when WatNumbers.ParseF64(text, out ulong bits) == NumberStatus.Ok:
                return Value.F64Bits(bits);
            case ValType.FuncRef or ValType.ExternRef when text is "null" or "ref.null":
                return Value.Null(type);
            default:
                throw new UsageException($"argument {position + 1} ('{text}') is not a valid {type.ToText()}");
        }
    }

    public static string Format(in Value v) => v.Type switch
    {
        ValType.I32 => ValueText.I32(v.AsI32()),
        ValType.I64 => ValueText.I64(v.AsI64()),
        ValType.F32 => ValueText.F32Bits(v.AsF32Bits()),
        ValType.F64 => ValueText.F64Bits(v.AsF64Bits()),
        ValType.V128 => ValueText.V128((ulong)v.AsV128(), (ulong)(v.AsV128() >> 64)),
        ValType.FuncRef => v.IsNull ? ValueText.RefNull(ValType.FuncRef) : v.AsFuncRef() is { Instance: not null } f
            ? ValueText.FuncRef(f.Index) : "ref.func",
        _ => v.IsNull ? ValueText.RefNull(ValType.ExternRef) : string.Create(CultureInfo.InvariantCulture, $"ref.extern {v.AsExternRef()}"),
    };
}
