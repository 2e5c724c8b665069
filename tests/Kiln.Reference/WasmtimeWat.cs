using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>Wasmtime's text-format parser (<c>wasmtime_wat2wasm</c>, the <c>wat</c> crate): core modules and components.</summary>
public static class WasmtimeWat
{
    /// <summary>The binary form of <paramref name="text"/>; a <see cref="WasmtimeException"/> with the parser's message otherwise.</summary>
    public static unsafe byte[] ToWasm(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        ByteVec wasm = default;
        fixed (byte* p = utf8) WasmtimeError.Check(wasmtime_wat2wasm(p, (nuint)utf8.Length, &wasm));
        try
        {
            return wasm.Span.ToArray();
        }
        finally
        {
            wasm_byte_vec_delete(&wasm);
        }
    }
}
