namespace Kiln.Wasm.Model;

/// <summary>The decoded "name" custom section (debug names), where present and well-formed.</summary>
public sealed class NameSection
{
    public string? ModuleName { get; set; }
    public Dictionary<uint, string> FunctionNames { get; } = [];
    public Dictionary<uint, Dictionary<uint, string>> LocalNames { get; } = [];
}
