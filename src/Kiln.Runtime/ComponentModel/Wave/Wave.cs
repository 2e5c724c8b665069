using Kiln.Runtime.Components.Wave;

namespace Kiln.Runtime;

/// <summary>WAVE, the Web Assembly Value Encoding (<c>"hi"</c>, <c>[1, 2]</c>, <c>{a: 1}</c>, <c>some(3)</c>,
/// <c>ok("x")</c>, <c>%none</c>, <c>{read, write}</c>): what <c>wasmtime run --invoke</c> prints. Parsing needs the
/// type: <see cref="ComponentFunc.ParseParameter"/>.</summary>
public static class Wave
{
    /// <summary>The value in WAVE; throws <see cref="WaveException"/> for a resource handle, which has no WAVE form.</summary>
    public static string Format(Val value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return WaveWriter.Write(value);
    }
}
