using Kiln.Component.Binary;
using Kiln.Component.Model;

namespace Kiln.Fuzz;

/// <summary>The component decoder: every case must end in a <see cref="WasmComponent"/> or a
/// <see cref="ComponentDecodeException"/> with an offset inside the input; a component that decodes must survive
/// encode → decode as an equal component. (Component validation joins here when the validator lands.)</summary>
public sealed class ComponentFuzzTarget : IFuzzTarget
{
    public List<byte[]> BuildSeeds() => ComponentSeeds.Build();

    public bool IsValid(byte[] input)
    {
        try
        {
            ComponentDecoder.Decode(input);
            return true;
        }
        catch (ComponentDecodeException)
        {
            return false;
        }
    }

    public (string? Kind, string? Detail) Run(byte[] input, FuzzResult result)
    {
        WasmComponent component;
        try
        {
            component = ComponentDecoder.Decode(input);
        }
        catch (ComponentDecodeException e)
        {
            lock (result) result.DecodeErrors++;
            return e.Offset < 0 || e.Offset > input.Length ? ("bad offset", e.Message) : (null, null);
        }
        lock (result) result.Decoded++;
        var again = ComponentDecoder.Decode(ComponentEncoder.Encode(component));
        return ComponentComparer.FirstDifference(component, again) is { } diff ? ("round trip", diff) : (null, null);
    }
}
