using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// Where a target's emitter puts one function's code: labels, and <em>marks</em> (positions in the stream) at which
/// trap sites, relocations and source-map entries are recorded. A mark becomes a byte offset only when the code is
/// final (<see cref="Finish"/>), so a target whose encoder still picks branch sizes at the end (x86-64 with Iced) and
/// one that writes fixed-size words into bytes (<see cref="CodeBuffer"/>) share everything above this class: the
/// emission skeleton (<see cref="EmitterBase{TInst}"/>) only speaks marks and labels.
/// </summary>
public abstract class MachBuffer
{
    private readonly List<TrapSite> _traps = [];
    private readonly List<(int Mark, int Delta, RelocKind Kind, string Symbol, bool IsLibCall, long Addend)> _relocs = [];
    private readonly List<SourceMapEntry> _srcMap = [];

    /// <summary>The position of whatever is emitted next.</summary>
    public abstract int Mark { get; }

    public abstract Label NewLabel();

    /// <summary>Binds <paramref name="label"/> to the current mark.</summary>
    public abstract void Bind(Label label);

    public abstract bool IsBound(Label label);

    /// <summary>Appends a 32-bit data word (jump-table entries; patched after <see cref="Finish"/>).</summary>
    public abstract void EmitData32(uint value);

    /// <summary>Encodes everything; afterwards <see cref="OffsetOf"/> and <see cref="LabelOffset"/> answer.</summary>
    protected abstract byte[] Assemble();

    /// <summary>Byte offset of a mark (valid after <see cref="Finish"/>).</summary>
    public abstract int OffsetOf(int mark);

    /// <summary>Byte offset a label is bound to (valid after <see cref="Finish"/>).</summary>
    public abstract int LabelOffset(Label label);

    /// <summary>The instruction emitted next may fault (or is a trap instruction) with <paramref name="code"/>.</summary>
    public void AddTrap(TrapCode code) => _traps.Add(new TrapSite(Mark, code));

    /// <summary>A relocation <paramref name="delta"/> bytes into the instruction emitted next.</summary>
    public void AddReloc(int delta, RelocKind kind, string symbol, bool isLibCall, long addend) =>
        _relocs.Add((Mark, delta, kind, symbol, isLibCall, addend));

    /// <summary>Code from the current mark on comes from IR instruction <paramref name="irInst"/>.</summary>
    public void AddSourceLoc(int irInst) => _srcMap.Add(new SourceMapEntry(Mark, irInst));

    /// <summary>Assembles the code and resolves trap sites (sorted), relocations and the source map to byte offsets.</summary>
    public MachineCode Finish()
    {
        var code = Assemble();
        var traps = new TrapSite[_traps.Count];
        for (int k = 0; k < traps.Length; k++) traps[k] = _traps[k] with { Offset = OffsetOf(_traps[k].Offset) };
        Array.Sort(traps, (x, y) => x.Offset.CompareTo(y.Offset));
        var relocs = new Relocation[_relocs.Count];
        for (int k = 0; k < relocs.Length; k++)
        {
            var (mark, delta, kind, symbol, libCall, addend) = _relocs[k];
            relocs[k] = new Relocation(OffsetOf(mark) + delta, kind, symbol, libCall, addend);
        }
        var map = new SourceMapEntry[_srcMap.Count];
        for (int k = 0; k < map.Length; k++) map[k] = _srcMap[k] with { Offset = OffsetOf(_srcMap[k].Offset) };
        return new MachineCode(code, traps, relocs, map);
    }
}

/// <summary>Finished machine code of one function with its trap sites (sorted), relocations and source map.</summary>
public sealed record MachineCode(byte[] Code, TrapSite[] Traps, Relocation[] Relocations, SourceMapEntry[] SourceMap);
