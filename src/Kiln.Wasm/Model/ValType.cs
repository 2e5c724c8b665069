namespace Kiln.Wasm.Model;

/// <summary>Value types, numbered by their binary encoding so decoding is a range check.</summary>
public enum ValType : byte
{
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
    V128 = 0x7B,
    FuncRef = 0x70,
    ExternRef = 0x6F,
    /// <summary>A reference to a caught exception (Wasm 3.0 exception handling; <c>(ref null exn)</c>).</summary>
    ExnRef = 0x69,
}

public static class ValTypeExtensions
{
    public static bool IsValid(byte code) => code is 0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F or 0x69;

    public static bool IsReference(this ValType t) => t is ValType.FuncRef or ValType.ExternRef or ValType.ExnRef;

    public static bool IsNumeric(this ValType t) => t is ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64;

    /// <summary>The text-format keyword: i32, funcref, …</summary>
    public static string ToText(this ValType t) => t switch
    {
        ValType.I32 => "i32",
        ValType.I64 => "i64",
        ValType.F32 => "f32",
        ValType.F64 => "f64",
        ValType.V128 => "v128",
        ValType.FuncRef => "funcref",
        ValType.ExternRef => "externref",
        ValType.ExnRef => "exnref",
        _ => $"<type 0x{(byte)t:x2}>",
    };
}
