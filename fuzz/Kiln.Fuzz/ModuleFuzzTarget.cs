using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Fuzz;

/// <summary>The core module decoder and validator: every case must end in a <see cref="WasmModule"/>, a
/// <see cref="WasmDecodeException"/> or a <see cref="WasmValidationException"/>; a module that decodes must also
/// survive encode → decode unchanged.</summary>
public sealed class ModuleFuzzTarget : IFuzzTarget
{
    public List<byte[]> BuildSeeds() => Seeds.Build();

    public bool IsValid(byte[] input)
    {
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(input));
            return true;
        }
        catch (Exception e) when (e is WasmDecodeException or WasmValidationException)
        {
            return false;
        }
    }

    public (string? Kind, string? Detail) Run(byte[] input, FuzzResult result)
    {
        WasmModule module;
        try
        {
            module = ModuleDecoder.Decode(input);
        }
        catch (WasmDecodeException e)
        {
            lock (result) result.DecodeErrors++;
            return e.Offset < 0 || e.Offset > input.Length ? ("bad offset", e.Message) : (null, null);
        }
        lock (result) result.Decoded++;
        var again = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
        if (ModuleComparer.FirstDifference(module, again) is { } diff) return ("round trip", diff);
        Validate(module, result);
        return (null, null);
    }

    private static void Validate(WasmModule module, FuzzResult result)
    {
        try
        {
            ModuleValidator.Validate(module);
            lock (result) result.Valid++;
        }
        catch (WasmValidationException)
        {
            lock (result) result.ValidationErrors++;
        }
        catch (WasmDecodeException)
        {
            // The validator may meet malformed code the decoder's structural scan let through (it does not type).
            lock (result) result.ValidationErrors++;
        }
    }
}
