namespace Kiln.Wasm.Model;

/// <summary>Minimum and optional maximum size, in pages for memories and elements for tables.
/// 64-bit fields leave room for memory64 without changing the model.</summary>
public readonly record struct Limits(ulong Min, ulong? Max)
{
    public override string ToString() => Max is { } max ? $"{Min} {max}" : $"{Min}";
}
