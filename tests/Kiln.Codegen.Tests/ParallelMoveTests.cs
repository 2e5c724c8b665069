namespace Kiln.Codegen.Tests;

public class ParallelMoveTests
{
    private static readonly MachineEnv Env = TestIsa.Env(8, 4);
    private static Allocation R(int n) => Allocation.Reg(TestIsa.R(n));
    private static Allocation S(int n) => Allocation.Stack(new SpillSlot(RegClass.Int, n));

    /// <summary>Resolves the moves, simulates the edits, and checks every destination got its source's old value.</summary>
    private static List<Edit> RunAndVerify((Allocation From, Allocation To)[] moves, int[] slotCount)
    {
        var res = new ParallelMoveResolver(Env, slotCount);
        foreach (var (f, t) in moves) res.Add(f, t);
        var edits = new List<Edit>();
        res.Resolve(7, EditOrigin.Split, edits);
        var state = new Dictionary<Allocation, string>();
        foreach (var (f, t) in moves) { state.TryAdd(f, f.ToString()); state.TryAdd(t, t.ToString()); }
        foreach (var e in edits)
        {
            Assert.Equal(7, e.Inst);
            Assert.False(e.From.IsStack && e.To.IsStack);
            state[e.To] = state.TryGetValue(e.From, out var v) ? v : "?";
        }
        foreach (var (f, t) in moves) Assert.Equal(f.ToString(), state[t]);
        return edits;
    }

    [Fact]
    public void ChainIsOrdered() => Assert.Equal(3, RunAndVerify([(R(0), R(1)), (R(1), R(2)), (R(2), R(3))], [0, 0]).Count);

    [Fact]
    public void SwapUsesTheScratchRegister()
    {
        var edits = RunAndVerify([(R(0), R(1)), (R(1), R(0))], [0, 0]);
        Assert.Equal(3, edits.Count);
        Assert.Contains(edits, e => e.To == Allocation.Reg(Env.Scratch(RegClass.Int)));
    }

    [Fact]
    public void ThreeCycleWithFanOut() => Assert.Equal(5, RunAndVerify([(R(0), R(1)), (R(1), R(2)), (R(2), R(0)), (R(0), R(5))], [0, 0]).Count);

    [Fact]
    public void RegisterStackCycle() => RunAndVerify([(R(0), S(0)), (S(0), R(0))], [1, 0]);

    [Fact]
    public void StackToStackGoesThroughScratch()
    {
        var edits = RunAndVerify([(S(0), S(1)), (R(2), S(2))], [3, 0]);
        Assert.Equal(3, edits.Count);
    }

    [Fact]
    public void StackCycleWithPendingStackMovesUsesATempSlot()
    {
        int[] slots = [2, 0];
        RunAndVerify([(S(0), S(1)), (S(1), S(0))], slots);
        Assert.Equal(3, slots[0]); // a temp slot was added to the frame
    }

    [Fact]
    public void TwoIndependentCycles() => RunAndVerify([(R(0), R(1)), (R(1), R(0)), (R(2), R(3)), (R(3), R(4)), (R(4), R(2))], [0, 0]);
}
