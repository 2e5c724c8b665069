using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>Turns the C API's <c>wasmtime_error_t*</c> and <c>wasm_trap_t*</c> into exceptions, taking ownership.</summary>
internal static unsafe class WasmtimeError
{
    /// <summary>Throws for a non-null error (and deletes it).</summary>
    public static void Check(nint error)
    {
        if (error != 0) throw FromError(error);
    }

    /// <summary>Throws for a non-null error, else for a non-null trap.</summary>
    public static void Check(nint error, nint trap)
    {
        if (error != 0)
        {
            if (trap != 0) wasm_trap_delete(trap);
            throw FromError(error);
        }
        if (trap != 0) throw FromTrap(trap);
    }

    /// <summary>
    /// An error: a WASI exit if it carries an exit status; a trap with its code if it is one of Wasmtime's traps
    /// (how component calls report them); a trap without code if it carries a wasm backtrace (a host function's
    /// error surfacing through wasm); otherwise a plain error.
    /// </summary>
    public static WasmtimeException FromError(nint error)
    {
        try
        {
            string message = Message(error);
            int status;
            if (wasmtime_error_exit_status(error, &status)) return new WasmtimeExitException(message, status);
            PtrVec frames = default;
            wasmtime_error_wasm_trace(error, &frames);
            var list = Frames(&frames);
            // The C API has no trap-code query for a wasmtime_error_t, but in 50.0.1 wasmtime_error_t and
            // wasm_trap_t are both `struct { error: anyhow::Error }` and wasmtime_trap_code only downcasts that
            // error: the same pointer answers. ComponentTests pins this (a guest `unreachable` has its code).
            byte code;
            if (wasmtime_trap_code(error, &code)) return new WasmtimeTrapException(message, (WasmtimeTrapCode)code, list);
            return list.Count > 0 ? new WasmtimeTrapException(message, null, list) : new WasmtimeException(message);
        }
        finally
        {
            wasmtime_error_delete(error);
        }
    }

    public static WasmtimeTrapException FromTrap(nint trap)
    {
        try
        {
            ByteVec message = default;
            wasm_trap_message(trap, &message);
            // wasm_message_t counts a terminating NUL.
            string text = Encoding.UTF8.GetString(message.Span).TrimEnd('\0');
            wasm_byte_vec_delete(&message);
            byte code;
            WasmtimeTrapCode? trapCode = wasmtime_trap_code(trap, &code) ? (WasmtimeTrapCode)code : null;
            PtrVec frames = default;
            wasm_trap_trace(trap, &frames);
            return new WasmtimeTrapException(text, trapCode, Frames(&frames));
        }
        finally
        {
            wasm_trap_delete(trap);
        }
    }

    /// <summary>A <c>wasmtime_error_t*</c> for a host function's failure; Wasmtime takes ownership.</summary>
    public static nint NewError(string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message + "\0");
        fixed (byte* p = text) return wasmtime_error_new(p);
    }

    /// <summary>A <c>wasm_trap_t*</c> for a host function's failure; Wasmtime takes ownership.</summary>
    public static nint NewTrap(string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message);
        fixed (byte* p = text) return wasmtime_trap_new(p, (nuint)text.Length);
    }

    private static string Message(nint error)
    {
        ByteVec message = default;
        wasmtime_error_message(error, &message);
        string text = Encoding.UTF8.GetString(message.Span);
        wasm_byte_vec_delete(&message);
        return text;
    }

    private static List<WasmtimeFrame> Frames(PtrVec* frames)
    {
        var list = new List<WasmtimeFrame>((int)frames->Size);
        for (nuint i = 0; i < frames->Size; i++)
        {
            nint frame = frames->Data[i];
            ByteVec* name = wasmtime_frame_func_name(frame);
            list.Add(new WasmtimeFrame(wasm_frame_func_index(frame), name == null ? null : Encoding.UTF8.GetString(name->Span)));
        }
        if (frames->Data != null) wasm_frame_vec_delete(frames);
        return list;
    }
}
