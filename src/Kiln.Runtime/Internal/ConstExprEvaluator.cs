using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Internal;

/// <summary>
/// Evaluates constant expressions at instantiation into raw slot form (low, high 8 bytes): t.const,
/// v128.const, ref.null (0), ref.func (the instance's VMFuncRef address), global.get (the global's slot) and,
/// for extended constant expressions, i32/i64 add, sub and mul. Validation already typed the expression.
/// </summary>
internal static unsafe class ConstExprEvaluator
{
    public static (ulong Low, ulong High) Evaluate(Instance instance, ConstExpr expr)
    {
        Span<(ulong Low, ulong High)> stack = stackalloc (ulong, ulong)[8];
        int depth = 0;
        var reader = new InstructionReader(expr.Code.Span, expr.Offset);
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            switch (ins.Opcode)
            {
                case Opcode.I32Const: Push(ref stack, ref depth, ((uint)ins.I32, 0)); break;
                case Opcode.I64Const: Push(ref stack, ref depth, ((ulong)ins.I64, 0)); break;
                case Opcode.F32Const: Push(ref stack, ref depth, (ins.F32Bits, 0)); break;
                case Opcode.F64Const: Push(ref stack, ref depth, (ins.F64Bits, 0)); break;
                case Opcode.V128Const: Push(ref stack, ref depth, (ins.V128Low, ins.V128High)); break;
                case Opcode.RefNull: Push(ref stack, ref depth, (0, 0)); break;
                case Opcode.RefFunc:
                    Push(ref stack, ref depth, ((ulong)(instance.VmContext + instance.Module.Layout.FuncRefOffset(ins.Index)), 0));
                    break;
                case Opcode.GlobalGet:
                    {
                        var p = (ulong*)instance.Globals[ins.Index].SlotAddress;
                        Push(ref stack, ref depth, (p[0], p[1]));
                        break;
                    }
                case Opcode.I32Add: Binary(ref stack, ref depth, (a, b) => (uint)(a + b)); break;
                case Opcode.I32Sub: Binary(ref stack, ref depth, (a, b) => (uint)(a - b)); break;
                case Opcode.I32Mul: Binary(ref stack, ref depth, (a, b) => (uint)(a * b)); break;
                case Opcode.I64Add: Binary(ref stack, ref depth, (a, b) => a + b); break;
                case Opcode.I64Sub: Binary(ref stack, ref depth, (a, b) => a - b); break;
                case Opcode.I64Mul: Binary(ref stack, ref depth, (a, b) => a * b); break;
                case Opcode.End:
                    if (depth != 1)
                        throw new InvalidOperationException($"constant expression at 0x{expr.Offset:x} leaves {depth} values");
                    return stack[0];
                default:
                    throw new InvalidOperationException($"{ins.Info.Name} is not a constant instruction");
            }
        }
        throw new InvalidOperationException($"constant expression at 0x{expr.Offset:x} has no end");
    }

    private static void Push(ref Span<(ulong, ulong)> stack, ref int depth, (ulong, ulong) value)
    {
        if (depth == stack.Length)
            throw new InvalidOperationException("constant expression too deep");
        stack[depth++] = value;
    }

    private static void Binary(ref Span<(ulong Low, ulong High)> stack, ref int depth, Func<ulong, ulong, ulong> op)
    {
        if (depth < 2)
            throw new InvalidOperationException("constant expression stack underflow");
        depth--;
        stack[depth - 1] = (op(stack[depth - 1].Low, stack[depth].Low), 0);
    }
}
