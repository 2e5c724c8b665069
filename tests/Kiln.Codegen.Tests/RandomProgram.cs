namespace Kiln.Codegen.Tests;

/// <summary>
/// Generates random valid VCode: a random CFG (forward edges, back edges making loops, possibly
/// irreducible), critical edges split, block params with args, values redefined across blocks
/// (non-SSA), every operand form (reg/any/fixed/reuse/mod/early def/late use), moves, and calls that
/// clobber the caller-saved registers. Many long-lived values keep register pressure high.
/// </summary>
public static class RandomProgram
{
    public sealed record Options(int MaxBlocks = 12, int MaxInsts = 10, int Globals = 8, bool Floats = true, int CallPercent = 8, int FixedPercent = 10);

    public static VCode<TestInst> Generate(int seed, MachineEnv env, Options o)
    {
        var rng = new Random(seed);
        int n = rng.Next(1, o.MaxBlocks + 1);

        // CFG over original blocks 0..n-1 (0 = entry, never a target).
        var succ = new List<int>[n];
        for (int b = 0; b < n; b++)
        {
            succ[b] = [];
            if (b == n - 1 || n == 1) continue;
            int roll = rng.Next(100);
            if (roll < 45) succ[b].Add(b + 1);
            else if (roll < 80)
            {
                succ[b].Add(b + 1);
                int t = rng.Next(1, n);
                if (t != b + 1) succ[b].Add(t);
            }
            else if (roll < 92) succ[b].Add(rng.Next(1, n));
        }
        var predCount = new int[n];
        for (int b = 0; b < n; b++) foreach (int s in succ[b]) predCount[s]++;

        // Final layout: each original block followed by the edge blocks splitting its critical out-edges.
        var builder = new VCodeBuilder<TestInst>();
        var blockOf = new int[n];
        var edgeBlocks = new List<(int Pred, int SuccIndex, int Block)>();
        for (int b = 0; b < n; b++)
        {
            blockOf[b] = builder.CreateBlock();
            if (succ[b].Count > 1)
                for (int k = 0; k < succ[b].Count; k++)
                    if (predCount[succ[b][k]] > 1) edgeBlocks.Add((b, k, builder.CreateBlock()));
        }

        var intGlobals = new VReg[o.Globals];
        var floatGlobals = new VReg[o.Floats ? Math.Max(1, o.Globals / 2) : 0];
        for (int g = 0; g < intGlobals.Length; g++) intGlobals[g] = builder.NewVReg(RegClass.Int);
        for (int g = 0; g < floatGlobals.Length; g++) floatGlobals[g] = builder.NewVReg(RegClass.Float);

        var paramsOf = new VReg[n][];
        for (int b = 0; b < n; b++)
        {
            int np = b == 0 ? 0 : rng.Next(0, 3);
            paramsOf[b] = new VReg[np];
            for (int j = 0; j < np; j++)
            {
                var p = builder.NewVReg(o.Floats && rng.Next(4) == 0 ? RegClass.Float : RegClass.Int);
                paramsOf[b][j] = p;
                builder.AddBlockParam(blockOf[b], p);
            }
        }

        var callerSaved = env.CallerSaved;
        var intArgRegs = Callers(env, RegClass.Int);
        var floatArgRegs = Callers(env, RegClass.Float);
        var intRegs = env.AllocatableRegs(RegClass.Int).ToArray();
        var floatRegs = env.AllocatableRegs(RegClass.Float).ToArray();

        for (int b = 0; b < n; b++)
        {
            builder.SwitchToBlock(blockOf[b]);
            var ints = new List<VReg>();
            var floats = new List<VReg>();
            if (b == 0)
            {
                // Function args arrive in registers; the other globals are constants.
                int nargs = Math.Min(intArgRegs.Length, intGlobals.Length);
                var ops = new Operand[nargs];
                for (int g = 0; g < nargs; g++) ops[g] = Operand.FixedDef(intGlobals[g], intArgRegs[g]);
                builder.Op("args", ops);
                for (int g = nargs; g < intGlobals.Length; g++)
                    builder.Emit(new TestInst("iconst"), [Operand.RegDef(intGlobals[g])], InstFlags.Rematerializable);
                foreach (var g in floatGlobals)
                    builder.Emit(new TestInst("fconst"), [Operand.RegDef(g)], InstFlags.Rematerializable);
            }
            ints.AddRange(intGlobals);
            floats.AddRange(floatGlobals);
            foreach (var p in paramsOf[b]) (p.Class == RegClass.Int ? ints : floats).Add(p);

            int count = rng.Next(0, o.MaxInsts + 1);
            for (int i = 0; i < count; i++)
                EmitRandom(builder, rng, o, ints, floats, intGlobals, floatGlobals, intArgRegs, floatArgRegs, intRegs, floatRegs, callerSaved);

            // Terminator.
            var ss = succ[b];
            if (ss.Count == 0)
            {
                var ret = Pick(rng, ints);
                builder.Ret(Operand.FixedUse(ret, intArgRegs[0]));
            }
            else if (ss.Count == 1)
                builder.Jump(blockOf[ss[0]], Args(rng, paramsOf[ss[0]], ints, floats));
            else
            {
                var cond = Pick(rng, ints);
                var targets = new int[2];
                var args = new VReg[2][];
                for (int k = 0; k < 2; k++)
                {
                    int s = ss[k];
                    int eb = -1;
                    foreach (var e in edgeBlocks) if (e.Pred == b && e.SuccIndex == k) eb = e.Block;
                    if (eb >= 0) { targets[k] = eb; args[k] = []; }
                    else { targets[k] = blockOf[s]; args[k] = Args(rng, paramsOf[s], ints, floats); }
                }
                builder.CondBr(cond, targets[0], args[0], targets[1], args[1]);
                // Edge blocks right after: they see everything this block ends with.
                for (int k = 0; k < 2; k++)
                {
                    foreach (var e in edgeBlocks)
                    {
                        if (e.Pred != b || e.SuccIndex != k) continue;
                        builder.SwitchToBlock(e.Block);
                        builder.Jump(blockOf[ss[k]], Args(rng, paramsOf[ss[k]], ints, floats));
                    }
                }
            }
        }
        return builder.Build();
    }

    private static PReg[] Callers(MachineEnv env, RegClass cls)
    {
        var list = new List<PReg>();
        foreach (var r in env.AllocatableRegs(cls)) if (!env.CalleeSaved.Contains(r)) list.Add(r);
        return list.ToArray();
    }

    private static VReg Pick(Random rng, List<VReg> from) => from[rng.Next(from.Count)];

    private static VReg[] Args(Random rng, VReg[] ps, List<VReg> ints, List<VReg> floats)
    {
        var a = new VReg[ps.Length];
        for (int j = 0; j < ps.Length; j++) a[j] = Pick(rng, ps[j].Class == RegClass.Int ? ints : floats);
        return a;
    }

    private static void EmitRandom(VCodeBuilder<TestInst> bld, Random rng, Options o, List<VReg> ints, List<VReg> floats,
        VReg[] intGlobals, VReg[] floatGlobals, PReg[] intArgRegs, PReg[] floatArgRegs, PReg[] intRegs, PReg[] floatRegs, PRegSet callerSaved)
    {
        bool useFloat = o.Floats && floats.Count > 0 && rng.Next(3) == 0;
        var pool = useFloat ? floats : ints;
        var globals = useFloat ? floatGlobals : intGlobals;
        var cls = useFloat ? RegClass.Float : RegClass.Int;
        var regs = useFloat ? floatRegs : intRegs;
        int roll = rng.Next(100);
        VReg NewDst(bool fresh = false)
        {
            // Sometimes redefine a global (non-SSA), usually a fresh local.
            if (!fresh && globals.Length > 0 && rng.Next(5) == 0) return globals[rng.Next(globals.Length)];
            var v = bld.NewVReg(cls);
            pool.Add(v);
            return v;
        }

        if (roll < o.CallPercent)
        {
            var argRegs = useFloat ? floatArgRegs : intArgRegs;
            int nargs = rng.Next(0, Math.Min(3, argRegs.Length) + 1);
            var ops = new List<Operand>();
            for (int k = 0; k < nargs; k++) ops.Add(Operand.FixedUse(Pick(rng, pool), argRegs[k]));
            if (rng.Next(2) == 0) ops.Add(Operand.AnyUse(Pick(rng, ints))); // a stack-passed arg
            ops.Add(Operand.FixedDef(NewDst(), argRegs[0]));
            bld.Emit(new TestInst("call"), ops.ToArray(), InstFlags.Call, callerSaved);
            return;
        }
        if (roll < o.CallPercent + o.FixedPercent)
        {
            // Fixed-register input (shift count style) and sometimes a fixed output (division style).
            var fr = regs[rng.Next(regs.Length)];
            var a = Pick(rng, pool);
            var b2 = Pick(rng, pool);
            if (rng.Next(2) == 0)
                bld.Op("shl", Operand.ReuseDef(NewDst(fresh: true), 1), Operand.RegUse(a), Operand.FixedUse(b2, fr));
            else
            {
                var fr2 = regs[rng.Next(regs.Length)];
                bld.Op("div", Operand.FixedUse(a, fr), Operand.RegUse(b2), Operand.FixedDef(NewDst(), fr2));
            }
            return;
        }
        roll = rng.Next(100);
        var u1 = Pick(rng, pool);
        var u2 = Pick(rng, pool);
        if (roll < 15) bld.Emit(new TestInst("const"), [Operand.RegDef(NewDst())], InstFlags.Rematerializable);
        else if (roll < 40) bld.Op("add", Operand.RegDef(NewDst()), Operand.RegUse(u1), Operand.RegUse(u2));
        else if (roll < 52) bld.Op("add2", Operand.ReuseDef(NewDst(fresh: true), 1), Operand.RegUse(u1), Operand.AnyUse(u2));
        else if (roll < 60) bld.Op("inc", Operand.RegMod(u1));
        else if (roll < 65) bld.Op("addm", Operand.AnyMod(u1), Operand.RegUse(u2));
        else if (roll < 72) bld.Op("early", Operand.RegDefEarly(NewDst(fresh: true)), Operand.RegUse(u1));
        else if (roll < 78) bld.Op("late", Operand.RegDef(NewDst()), Operand.RegUseLate(u1), Operand.RegUse(u2));
        else if (roll < 84) bld.Op("ld", Operand.AnyDef(NewDst()), Operand.AnyUse(u1));
        else bld.Move(NewDst(), u1);
    }
}
