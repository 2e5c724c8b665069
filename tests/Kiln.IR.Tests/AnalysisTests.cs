using Kiln.IR.Analysis;
using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class AnalysisTests
{
    private static (Function F, ControlFlowGraph Cfg, DominatorTree Dom) Analyze(string text)
    {
        var f = Parser.ParseFunction(text);
        var cfg = ControlFlowGraph.Compute(f);
        return (f, cfg, DominatorTree.Compute(f, cfg));
    }

    private static Block B(int n) => new(n);

    [Fact]
    public void IrreducibleCycleHasEntryAsDominatorAndNoLoop()
    {
        // block1 <-> block2 is entered from block0 at both ends: no block of the cycle dominates the other.
        var (f, cfg, dom) = Analyze("""
            function %irr(i32) {
            block0(v0: i32):
                brif v0, block1, block2
            block1:
                brif v0, block2, block3
            block2:
                jump block1
            block3:
                return
            }
            """);
        Assert.Equal(B(0), dom.Idom(B(1)));
        Assert.Equal(B(0), dom.Idom(B(2)));
        Assert.Equal(B(1), dom.Idom(B(3)));
        Assert.False(dom.Dominates(B(1), B(2)));
        Assert.False(dom.Dominates(B(2), B(1)));
        Assert.True(dom.Dominates(B(0), B(3)));
        Assert.Equal(Block.None, dom.Idom(B(0)));
        Assert.Equal([B(0), B(2)], cfg.Preds(B(1)).ToArray().Select(p => p.Block).OrderBy(b => b.Index));
        Assert.Equal([B(2), B(3)], cfg.Succs(B(1)).ToArray());
        var loops = LoopAnalysis.Compute(f, cfg, dom);
        Assert.Empty(loops.Loops);
        Assert.Equal(0, loops.Depth(B(1)));
    }

    [Fact]
    public void IrreducibleGraphNeedingIteration()
    {
        // The classic example from Cooper-Harvey-Kennedy (figure 4): the first pass gets idoms wrong
        // and only the second iteration settles them.
        var (_, _, dom) = Analyze("""
            function %chk(i32) {
            block5(v0: i32):
                brif v0, block4, block3
            block4:
                jump block1
            block3:
                brif v0, block2, block1
            block1:
                jump block2
            block2:
                brif v0, block1, block9
            block9:
                return
            }
            """);
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            Assert.Equal(B(5), dom.Idom(B(n)));
        }
        Assert.Equal(B(2), dom.Idom(B(9)));
    }

    [Fact]
    public void NestedLoopsHaveDepthsHeadersAndParents()
    {
        var (f, cfg, dom) = Analyze("""
            function %nest(i32) {
            block0(v0: i32):
                jump block1
            block1:
                brif v0, block2, block5
            block2:
                brif v0, block3, block4
            block3:
                jump block2
            block4:
                jump block1
            block5:
                return
            }
            """);
        Assert.Equal(B(1), dom.Idom(B(2)));
        Assert.Equal(B(2), dom.Idom(B(3)));
        Assert.Equal(B(2), dom.Idom(B(4)));
        Assert.Equal(B(1), dom.Idom(B(5)));
        var loops = LoopAnalysis.Compute(f, cfg, dom);
        Assert.Equal(2, loops.Loops.Count);
        Assert.Equal(B(1), loops.Loops[0].Header);
        Assert.Equal(B(2), loops.Loops[1].Header);
        Assert.Equal(0, loops.Loops[1].Parent);
        Assert.Equal(-1, loops.Loops[0].Parent);
        Assert.Equal([0, 1, 2, 2, 1, 0], Enumerable.Range(0, 6).Select(i => loops.Depth(B(i))));
        Assert.True(loops.IsLoopHeader(B(2)));
        Assert.False(loops.IsLoopHeader(B(3)));
        Assert.Equal([B(1), B(2), B(3), B(4)], loops.Loops[0].Blocks.OrderBy(b => b.Index));
    }

    [Fact]
    public void ReversePostorderPutsDefinitionsFirstAndSkipsUnreachable()
    {
        var (f, cfg, dom) = Analyze("""
            function %rpo(i32) {
            block0(v0: i32):
                brif v0, block2, block1
            block3:
                return
            block1:
                jump block2
            block2:
                return
            }
            """);
        var rpo = ReversePostorder.Compute(f, cfg);
        Assert.Equal(B(0), rpo.Order[0]);
        Assert.True(rpo.Number(B(1)) < rpo.Number(B(2)));
        Assert.False(rpo.IsReachable(B(3)));
        Assert.Equal(3, rpo.Order.Length);
        Assert.False(dom.Dominates(B(3), B(3)));
        Assert.Equal([B(0), B(1), B(2)], dom.Preorder.Take(1).Concat(dom.Preorder.Skip(1).OrderBy(b => b.Index)));
    }

    [Fact]
    public void SelfLoopIsALoop()
    {
        var (f, cfg, dom) = Analyze("""
            function %self(i32) {
            block0(v0: i32):
                jump block1
            block1:
                brif v0, block1, block2
            block2:
                return
            }
            """);
        var loops = LoopAnalysis.Compute(f, cfg, dom);
        Assert.Single(loops.Loops);
        Assert.Equal([B(1)], loops.Loops[0].Blocks);
        Assert.Equal(1, loops.Depth(B(1)));
        Assert.Equal(0, loops.Depth(B(2)));
    }
}
