namespace Kiln.IR;

/// <summary>
/// Order of blocks in the function and of instructions in each block, as doubly linked lists threaded
/// through arrays indexed by block and instruction id: insertion and removal are O(1) and iteration
/// allocates nothing. A block or instruction not in a list is simply absent from the function.
/// </summary>
public sealed class Layout
{
    private int[] blockPrev = new int[16];
    private int[] blockNext = new int[16];
    private int[] firstInst = new int[16];
    private int[] lastInst = new int[16];
    private bool[] blockInLayout = new bool[16];
    private int[] instPrev = new int[64];
    private int[] instNext = new int[64];
    private int[] instBlock = new int[64];

    public Block FirstBlock { get; private set; } = Block.None;

    public Block LastBlock { get; private set; } = Block.None;

    public bool Contains(Block b) => b.Index < blockInLayout.Length && blockInLayout[b.Index];

    public bool Contains(Inst i) => i.Index < instBlock.Length && instBlock[i.Index] >= 0;

    public Block NextBlock(Block b) => new(blockNext[b.Index]);

    public Block PrevBlock(Block b) => new(blockPrev[b.Index]);

    public Inst FirstInst(Block b) => new(firstInst[b.Index]);

    public Inst LastInst(Block b) => new(lastInst[b.Index]);

    public Inst NextInst(Inst i) => new(instNext[i.Index]);

    public Inst PrevInst(Inst i) => new(instPrev[i.Index]);

    /// <summary>The block containing the instruction, or <see cref="Block.None"/>.</summary>
    public Block InstBlock(Inst i) => i.Index < instBlock.Length ? new(instBlock[i.Index]) : Block.None;

    public BlockEnumerable Blocks => new(this);

    public InstEnumerable Insts(Block b) => new(this, b);

    public int BlockCountInLayout
    {
        get
        {
            int n = 0;
            for (var b = FirstBlock; b.IsValid; b = NextBlock(b))
            {
                n++;
            }
            return n;
        }
    }

    public void AppendBlock(Block b) => InsertBlockAfter(b, LastBlock);

    /// <summary>Inserts <paramref name="b"/> after <paramref name="after"/> (at the front if None).</summary>
    public void InsertBlockAfter(Block b, Block after)
    {
        EnsureBlock(b.Index);
        if (blockInLayout[b.Index])
        {
            throw new InvalidOperationException($"{b} is already in the layout");
        }
        blockInLayout[b.Index] = true;
        firstInst[b.Index] = lastInst[b.Index] = -1;
        int next = after.IsValid ? blockNext[after.Index] : FirstBlock.Index;
        blockPrev[b.Index] = after.Index;
        blockNext[b.Index] = next;
        if (after.IsValid)
        {
            blockNext[after.Index] = b.Index;
        }
        else
        {
            FirstBlock = b;
        }
        if (next >= 0)
        {
            blockPrev[next] = b.Index;
        }
        else
        {
            LastBlock = b;
        }
    }

    /// <summary>Removes a block and all its instructions.</summary>
    public void RemoveBlock(Block b)
    {
        for (var i = FirstInst(b); i.IsValid;)
        {
            var next = NextInst(i);
            instBlock[i.Index] = -1;
            i = next;
        }
        int prev = blockPrev[b.Index], next2 = blockNext[b.Index];
        if (prev >= 0)
        {
            blockNext[prev] = next2;
        }
        else
        {
            FirstBlock = new Block(next2);
        }
        if (next2 >= 0)
        {
            blockPrev[next2] = prev;
        }
        else
        {
            LastBlock = new Block(prev);
        }
        blockInLayout[b.Index] = false;
    }

    public void AppendInst(Inst i, Block b) => InsertInstAfter(i, b, LastInst(b));

    /// <summary>Inserts <paramref name="i"/> into <paramref name="b"/> after <paramref name="after"/>
    /// (first if None).</summary>
    public void InsertInstAfter(Inst i, Block b, Inst after)
    {
        EnsureInst(i.Index);
        if (instBlock[i.Index] >= 0)
        {
            throw new InvalidOperationException($"{i} is already in the layout");
        }
        instBlock[i.Index] = b.Index;
        int next = after.IsValid ? instNext[after.Index] : firstInst[b.Index];
        instPrev[i.Index] = after.Index;
        instNext[i.Index] = next;
        if (after.IsValid)
        {
            instNext[after.Index] = i.Index;
        }
        else
        {
            firstInst[b.Index] = i.Index;
        }
        if (next >= 0)
        {
            instPrev[next] = i.Index;
        }
        else
        {
            lastInst[b.Index] = i.Index;
        }
    }

    public void InsertInstBefore(Inst i, Inst before) =>
        InsertInstAfter(i, InstBlock(before), PrevInst(before));

    public void RemoveInst(Inst i)
    {
        int b = instBlock[i.Index];
        int prev = instPrev[i.Index], next = instNext[i.Index];
        if (prev >= 0)
        {
            instNext[prev] = next;
        }
        else
        {
            firstInst[b] = next;
        }
        if (next >= 0)
        {
            instPrev[next] = prev;
        }
        else
        {
            lastInst[b] = prev;
        }
        instBlock[i.Index] = -1;
    }

    /// <summary>Moves every instruction of <paramref name="from"/> to the end of <paramref name="to"/>.</summary>
    public void MoveInstsToEnd(Block from, Block to)
    {
        for (var i = FirstInst(from); i.IsValid;)
        {
            var next = NextInst(i);
            RemoveInst(i);
            AppendInst(i, to);
            i = next;
        }
    }

    private void EnsureBlock(int index)
    {
        if (index < blockPrev.Length)
        {
            return;
        }
        int size = Math.Max(index + 1, blockPrev.Length * 2);
        Array.Resize(ref blockPrev, size);
        Array.Resize(ref blockNext, size);
        Array.Resize(ref firstInst, size);
        Array.Resize(ref lastInst, size);
        Array.Resize(ref blockInLayout, size);
    }

    private void EnsureInst(int index)
    {
        if (index < instBlock.Length)
        {
            return;
        }
        int old = instBlock.Length;
        int size = Math.Max(index + 1, old * 2);
        Array.Resize(ref instPrev, size);
        Array.Resize(ref instNext, size);
        Array.Resize(ref instBlock, size);
        instBlock.AsSpan(old).Fill(-1);
    }

    public Layout()
    {
        instBlock.AsSpan().Fill(-1);
    }

    /// <summary>Allocation-free enumeration of the blocks in layout order.</summary>
    public readonly struct BlockEnumerable(Layout layout)
    {
        public BlockEnumerator GetEnumerator() => new(layout);
    }

    public struct BlockEnumerator(Layout layout)
    {
        private Block next = layout.FirstBlock;

        public Block Current { get; private set; }

        public bool MoveNext()
        {
            if (!next.IsValid)
            {
                return false;
            }
            Current = next;
            next = layout.NextBlock(next);
            return true;
        }
    }

    /// <summary>Allocation-free enumeration of a block's instructions. Removing the current instruction
    /// during enumeration is allowed: the successor is read before it is returned.</summary>
    public readonly struct InstEnumerable(Layout layout, Block block)
    {
        public InstEnumerator GetEnumerator() => new(layout, block);
    }

    public struct InstEnumerator(Layout layout, Block block)
    {
        private Inst next = layout.FirstInst(block);

        public Inst Current { get; private set; }

        public bool MoveNext()
        {
            if (!next.IsValid)
            {
                return false;
            }
            Current = next;
            next = layout.NextInst(next);
            return true;
        }
    }
}
