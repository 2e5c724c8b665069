namespace Kiln.Wasm.Model;

public sealed record Export(string Name, ExternalKind Kind, uint Index);
