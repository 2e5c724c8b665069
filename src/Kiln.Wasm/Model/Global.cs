namespace Kiln.Wasm.Model;

public sealed record Global(GlobalType Type, ConstExpr Init);
