using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>A run of flat core values held in locals (the caller's parameters, the callee's results, or the
/// adapter's temporaries being filled), read or written in order. <see cref="Position"/> is the next slot.</summary>
public sealed class FlatCursor(uint[] locals, ValType[] types)
{
    public uint[] Locals { get; } = locals;
    public ValType[] Types { get; } = types;
    public int Position { get; set; }

    /// <summary>Fresh locals of <paramref name="types"/> in <paramref name="f"/>.</summary>
    public static FlatCursor Temps(AdapterFunctionBuilder f, ValType[] types)
    {
        var locals = new uint[types.Length];
        for (int i = 0; i < locals.Length; i++) locals[i] = f.Temp(types[i]);
        return new FlatCursor(locals, types);
    }
}
