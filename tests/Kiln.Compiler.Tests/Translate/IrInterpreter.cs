using Kiln.IR;

namespace Kiln.Compiler.Tests.Translate;

/// <summary>
/// A tiny IR interpreter for integer code and control flow, enough to check that translated functions
/// compute the right values (the verifier only checks shape). i32 values are kept sign-extended in a long.
/// Direct calls resolve by name among <see cref="Functions"/>.
/// </summary>
internal sealed class IrInterpreter(IReadOnlyList<Function> functions)
{
    public IReadOnlyList<Function> Functions { get; } = functions;

    public long[] Call(string name, params long[] args)
    {
        foreach (var f in Functions)
        {
            if (f.Name == name)
            {
                return Run(f, args);
            }
        }
        throw new InvalidOperationException($"no function {name}");
    }

    private long[] Run(Function f, long[] args)
    {
        var dfg = f.Dfg;
        var vals = new long[dfg.ValueCount];
        var block = f.Entry;
        var incoming = args;
        for (int steps = 0; steps < 1_000_000; steps++)
        {
            var ps = dfg.BlockParams(block);
            for (int i = 0; i < ps.Length; i++)
            {
                vals[ps[i].Index] = incoming[i];
            }
            Block next = Block.None;
            foreach (var inst in f.Layout.Insts(block))
            {
                ref var d = ref dfg[inst];
                var a = dfg.Args(inst);
                var av = new long[a.Length];
                for (int i = 0; i < a.Length; i++)
                {
                    av[i] = vals[a[i].Index];
                }
                long A(int i) => av[i];
                bool w32 = d.Type == IrType.I32 || (a.Length > 0 && dfg.ValueType(a[0]) == IrType.I32);
                long Norm(long v) => w32 ? (int)v : v;
                var r = dfg.FirstResult(inst);
                switch (d.Opcode)
                {
                    case Opcode.Iconst: vals[r.Index] = d.Imm; break;
                    case Opcode.Iadd: vals[r.Index] = Norm(A(0) + A(1)); break;
                    case Opcode.Isub: vals[r.Index] = Norm(A(0) - A(1)); break;
                    case Opcode.Imul: vals[r.Index] = Norm(A(0) * A(1)); break;
                    case Opcode.Band: vals[r.Index] = A(0) & A(1); break;
                    case Opcode.Bor: vals[r.Index] = A(0) | A(1); break;
                    case Opcode.Bxor: vals[r.Index] = A(0) ^ A(1); break;
                    case Opcode.Eqz: vals[r.Index] = A(0) == 0 ? 1 : 0; break;
                    case Opcode.Icmp:
                        vals[r.Index] = ((IntCC)d.Cond).Evaluate(A(0), A(1), d.Type == IrType.I32 ? 32 : 64) ? 1 : 0;
                        break;
                    case Opcode.Select: vals[r.Index] = A(0) != 0 ? A(1) : A(2); break;
                    case Opcode.Call:
                        {
                            var callee = dfg.ExtFuncs[d.Ref].Name;
                            var cargs = new long[a.Length];
                            for (int i = 0; i < a.Length; i++)
                            {
                                cargs[i] = A(i);
                            }
                            var res = Call(callee, cargs);
                            var rs = dfg.Results(inst);
                            for (int i = 0; i < rs.Length; i++)
                            {
                                vals[rs[i].Index] = res[i];
                            }
                            break;
                        }
                    case Opcode.Trap: throw new TrapException(d.Trap);
                    case Opcode.Trapz: if (A(0) == 0) { throw new TrapException(d.Trap); } break;
                    case Opcode.Trapnz: if (A(0) != 0) { throw new TrapException(d.Trap); } break;
                    case Opcode.Return:
                        {
                            var res = new long[a.Length];
                            for (int i = 0; i < a.Length; i++)
                            {
                                res[i] = A(i);
                            }
                            return res;
                        }
                    case Opcode.Jump: next = Take(dfg, inst, 0, vals, out incoming); break;
                    case Opcode.Brif: next = Take(dfg, inst, A(0) != 0 ? 0 : 1, vals, out incoming); break;
                    case Opcode.BrTable:
                        {
                            uint idx = (uint)A(0);
                            int calls = dfg.BlockCalls(inst).Length;
                            next = Take(dfg, inst, idx < calls - 1 ? (int)idx + 1 : 0, vals, out incoming);
                            break;
                        }
                    default: throw new NotSupportedException($"interpreter: {d.Opcode}");
                }
            }
            block = next;
        }
        throw new InvalidOperationException("step limit");
    }

    private static Block Take(DataFlowGraph dfg, Inst inst, int call, long[] vals, out long[] incoming)
    {
        var bargs = dfg.BlockCallArgs(inst, call);
        incoming = new long[bargs.Length];
        for (int i = 0; i < bargs.Length; i++)
        {
            incoming[i] = vals[bargs[i].Index];
        }
        return dfg.BlockCalls(inst)[call].Block;
    }
}

internal sealed class TrapException(TrapCode code) : Exception(code.Name())
{
    public TrapCode Code { get; } = code;
}
