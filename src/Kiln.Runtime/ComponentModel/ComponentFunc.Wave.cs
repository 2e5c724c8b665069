using Kiln.Runtime.Components.Wave;

namespace Kiln.Runtime;

// WAVE (Web Assembly Value Encoding) for hosts that take arguments as text, as `kiln run --invoke` does.
public sealed partial class ComponentFunc
{
    /// <summary>The function's type as in WIT: <c>func(x: u32, s: string) -> list&lt;u8&gt;</c>.</summary>
    public string TypeText => WitTypeText.Of(_rt.Plan.Types, _type);

    /// <summary>The type of parameter <paramref name="index"/> as in WIT.</summary>
    public string ParamTypeText(int index) => WitTypeText.Of(_rt.Plan.Types, _type.ParamTypes[index]);

    /// <summary>Parses <paramref name="wave"/> as a value of parameter <paramref name="index"/>'s type.</summary>
    /// <exception cref="WaveException">The text is no value of that type; the message says where.</exception>
    public Val ParseParameter(int index, string wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _type.ParamTypes.Length);
        return WaveParser.Parse(wave, _type.ParamTypes[index], _rt.Plan.Types);
    }
}
