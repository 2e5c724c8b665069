namespace Kiln.Wasm.Model;

public readonly record struct TableType(ValType ElementType, Limits Limits);
