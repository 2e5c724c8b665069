using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class LayoutTests
{
    [Fact]
    public void InsertRemoveAndMoveKeepListsConsistent()
    {
        var f = Parser.ParseFunction("""
            function %t() {
            block0:
                v0 = iconst.i32 0
                v1 = iconst.i32 1
                v2 = iconst.i32 2
                jump block1
            block1:
                return
            }
            """);
        var layout = f.Layout;
        var first = layout.FirstInst(f.Entry);
        var second = layout.NextInst(first);
        layout.RemoveInst(second);
        Assert.False(layout.Contains(second));
        Assert.Equal(first, layout.PrevInst(layout.NextInst(first)));
        layout.InsertInstAfter(second, f.Entry, Inst.None);
        Assert.Equal(second, layout.FirstInst(f.Entry));

        var seen = new List<Inst>();
        foreach (var i in layout.Insts(f.Entry))
        {
            seen.Add(i);
            layout.RemoveInst(i); // removing the current instruction while enumerating is allowed
        }
        Assert.Equal(4, seen.Count);
        Assert.False(layout.FirstInst(f.Entry).IsValid);
        Assert.False(layout.LastInst(f.Entry).IsValid);

        var b1 = new Block(1);
        layout.RemoveBlock(b1);
        Assert.Equal(f.Entry, layout.LastBlock);
        layout.InsertBlockAfter(b1, Block.None);
        Assert.Equal(b1, layout.FirstBlock);
        Assert.Equal(new Block(0), layout.NextBlock(b1));
        Assert.Equal(2, layout.BlockCountInLayout);
    }
}
