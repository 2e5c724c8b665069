using Kiln.Runtime.Internal;

namespace Kiln.Runtime;

/// <summary>
/// A thrown WebAssembly exception: its tag and payload. Generated code holds it as an exnref, a store-local
/// handle (see <see cref="Store"/>); the host sees it through <see cref="WasmException"/>.
/// </summary>
public sealed class ExceptionObject
{
    private readonly ulong[] _payload;

    internal ExceptionObject(Tag tag, ulong[] payload)
    {
        Tag = tag;
        _payload = payload;
    }

    /// <summary>The tag the exception was thrown with.</summary>
    public Tag Tag { get; }

    /// <summary>The raw 8-byte payload slots (i32/f32 in the low half, references as the store's raw handles).</summary>
    internal ReadOnlySpan<ulong> RawPayload => _payload;

    /// <summary>The payload values, typed by the tag's parameters.</summary>
    public unsafe Value[] GetPayload()
    {
        var types = Tag.Type.Params;
        var values = new Value[types.Length];
        var slot = stackalloc ulong[2];
        for (int i = 0; i < values.Length; i++)
        {
            slot[0] = _payload[i];
            slot[1] = 0;
            values[i] = ValueSlots.Read(Tag.Store, (nint)slot, types[i]);
        }
        return values;
    }
}
