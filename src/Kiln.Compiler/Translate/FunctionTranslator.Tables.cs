using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Wasm.Instructions;
using W = Kiln.Wasm.Instructions.Opcode;
using Kiln.Compiler.Traps;

namespace Kiln.Compiler.Translate;

/// <summary>Table instructions: get/set/size inline, the rest through builtins.</summary>
public sealed partial class FunctionTranslator
{
    private void TranslateTable(in Instruction ins)
    {
        uint table = ins.Index;
        switch (ins.Opcode)
        {
            case W.TableGet:
                {
                    var slot = TableElementAddress(table, Pop());
                    Push(b.Ins().Load(IrType.IPtr, TrapCode.None, slot, 0));
                    break;
                }
            case W.TableSet:
                {
                    var value = Pop();
                    var slot = TableElementAddress(table, Pop());
                    b.Ins().Store(TrapCode.None, value, slot, 0);
                    break;
                }
            case W.TableSize:
                Push(b.Ins().Load(IrType.I32, TrapCode.None, TableDefinition(table), VMTableDefinition.CurrentLength));
                break;
            case W.TableGrow:
                {
                    var delta = Pop();
                    var init = Pop();
                    Push(CallBuiltin(Builtin.TableGrow, [vmctx, I32(table), init, delta]));
                    break;
                }
            case W.TableFill:
                {
                    var n = Pop();
                    var value = Pop();
                    var dst = Pop();
                    CallBuiltin(Builtin.TableFill, [vmctx, I32(table), dst, value, n]);
                    break;
                }
            case W.TableCopy:
                {
                    var n = Pop();
                    var src = Pop();
                    var dst = Pop();
                    CallBuiltin(Builtin.TableCopy, [vmctx, I32(ins.Index), I32(ins.Index2), dst, src, n]);
                    break;
                }
            case W.TableInit:
                {
                    var n = Pop();
                    var src = Pop();
                    var dst = Pop();
                    CallBuiltin(Builtin.TableInit, [vmctx, I32(ins.Index2), I32(ins.Index), dst, src, n]);
                    break;
                }
            default:
                CallBuiltin(Builtin.ElemDrop, [vmctx, I32(ins.Index)]);
                break;
        }
    }

    /// <summary>Address of element <paramref name="index"/> after checking it against the current length
    /// (trap table_out_of_bounds). Length and element array are reloaded: the table may have grown.</summary>
    private Value TableElementAddress(uint table, Value index)
    {
        var ins = b.Ins();
        var def = TableDefinition(table);
        var length = ins.Load(IrType.I32, TrapCode.None, def, VMTableDefinition.CurrentLength);
        ins.Trapnz(ins.Icmp(IntCC.Uge, index, length), WasmTrap.TableOutOfBounds.Code());
        var elements = ins.Load(IrType.IPtr, TrapCode.None, def, VMTableDefinition.Elements);
        var scaled = ins.Ishl(ins.Uextend(IrType.IPtr, index), ins.Iconst(IrType.IPtr, 3));
        return ins.Iadd(elements, scaled);
    }
}
