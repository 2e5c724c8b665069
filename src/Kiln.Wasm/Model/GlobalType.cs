namespace Kiln.Wasm.Model;

public readonly record struct GlobalType(ValType ValueType, bool Mutable);
