namespace Kiln.Codegen.Tests;

/// <summary>The checker over many random programs with fixed seeds, from roomy to starved register files.</summary>
public class RandomAllocTests
{
    public static TheoryData<int, int, int, int> Configs => new()
    {
        // seed base, int regs, float regs, globals
        { 0, 8, 6, 6 },
        { 100000, 4, 3, 10 },
        { 200000, 3, 3, 8 },
        { 300000, 6, 4, 16 },
        { 400000, 12, 8, 24 },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void RandomProgramsPassTheChecker(int seedBase, int intRegs, int floatRegs, int globals)
    {
        var env = TestIsa.Env(intRegs, floatRegs);
        var opts = new RandomProgram.Options(Globals: globals);
        int spilled = 0, splits = 0;
        for (int s = 0; s < 700; s++)
        {
            int seed = seedBase + s;
            var code = RandomProgram.Generate(seed, env, opts);
            RegAllocResult? r = null;
            try
            {
                r = RegAllocator.Allocate(code, env);
                RegAllocChecker.Check(code, env, r);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}\n{Dump.VCode(code, r)}", e);
            }
            spilled += r.Stats.SpilledIntervals;
            splits += r.Stats.Splits;
        }
        if (intRegs <= 6) Assert.True(spilled > 0 && splits > 0, "high-pressure configs must exercise spilling");
    }

    [Fact]
    public void LargeProgramsPassTheChecker()
    {
        var env = TestIsa.Env(5, 4);
        var opts = new RandomProgram.Options(MaxBlocks: 60, MaxInsts: 30, Globals: 20, CallPercent: 5);
        for (int seed = 900000; seed < 900040; seed++)
        {
            var code = RandomProgram.Generate(seed, env, opts);
            try { TestIsa.AllocateAndCheck(code, env); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}", e); }
        }
    }
}
