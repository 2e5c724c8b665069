using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

/// <summary>
/// Constant expressions (global initializers, segment offsets, element items) as Wasm 2.0 allows them:
/// t.const, v128.const, ref.null, ref.func and global.get of an imported immutable global, then end.
/// </summary>
internal static class ConstExprValidator
{
    /// <summary>Checks that <paramref name="expr"/> is constant and produces exactly one <paramref name="expected"/>.</summary>
    public static void Validate(ValidationContext ctx, ConstExpr expr, ValType expected, string location)
    {
        var r = new InstructionReader(expr.Code.Span, expr.Offset);
        int count = 0;
        ValType last = 0;
        bool ended = false;
        while (!r.AtEnd)
        {
            var ins = r.Read();
            if (ended) throw new WasmValidationException("constant expression required: operators after end", location, null, ins.Offset);
            ValType t;
            switch (ins.Opcode)
            {
                case Opcode.I32Const: t = ValType.I32; break;
                case Opcode.I64Const: t = ValType.I64; break;
                case Opcode.F32Const: t = ValType.F32; break;
                case Opcode.F64Const: t = ValType.F64; break;
                case Opcode.V128Const: t = ValType.V128; break;
                case Opcode.RefNull: t = (ValType)(byte)ins.Index; break;
                case Opcode.RefFunc:
                    if (ins.Index >= (uint)ctx.FunctionTypes.Length)
                        throw new WasmValidationException($"unknown function {ins.Index}", location, null, ins.Offset);
                    t = ValType.FuncRef;
                    break;
                case Opcode.GlobalGet:
                    {
                        // Only imported globals are in scope here (Wasm 2.0's context C').
                        if (ins.Index >= (uint)ctx.Module.ImportedGlobalCount)
                            throw new WasmValidationException($"unknown global {ins.Index}", location, null, ins.Offset);
                        var g = ctx.Globals[ins.Index];
                        if (g.Mutable)
                            throw new WasmValidationException($"constant expression required: global {ins.Index} is mutable", location, null, ins.Offset);
                        t = g.ValueType;
                        break;
                    }
                case Opcode.End:
                    ended = true;
                    continue;
                default:
                    throw new WasmValidationException($"constant expression required: {OpcodeTable.Get(ins.Opcode).Name} is not constant", location, null, ins.Offset);
            }
            count++;
            last = t;
        }
        if (!ended) throw new WasmValidationException("constant expression required: missing end", location, null, expr.Offset + expr.Code.Length);
        if (count != 1)
            throw new WasmValidationException($"type mismatch: constant expression must produce one {expected.ToText()}, produces {count} values", location, null, expr.Offset);
        if (last != expected)
            throw new WasmValidationException($"type mismatch: expected {expected.ToText()}, found {last.ToText()}", location, null, expr.Offset);
    }
}
