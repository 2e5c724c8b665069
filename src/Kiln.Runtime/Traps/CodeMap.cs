namespace Kiln.Runtime;

/// <summary>
/// What the runtime knows about one loaded region of generated code: where it is, its trap sites and its
/// function ranges (both relative to <see cref="Start"/>), and function names for backtraces.
/// </summary>
public sealed class CodeMap
{
    /// <summary>Describes the region [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public CodeMap(nint start, nuint length, TrapTable traps, FunctionRanges functions, IReadOnlyDictionary<uint, string>? names = null,
        SourceOffsets? sources = null)
    {
        ArgumentNullException.ThrowIfNull(traps);
        ArgumentNullException.ThrowIfNull(functions);
        if (length == 0 || length > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(length), length, "a code region is 1 byte to 4 GiB long");
        Start = start;
        Length = length;
        Traps = traps;
        Functions = functions;
        Names = names;
        Sources = sources;
    }

    /// <summary>Function "indices" from here on stand for trampolines, which backtraces leave out.</summary>
    public const uint TrampolineIndexBase = 0xF000_0000;

    /// <summary>Address of the first byte.</summary>
    public nint Start { get; }

    /// <summary>Size in bytes.</summary>
    public nuint Length { get; }

    /// <summary>Trap sites, by offset from <see cref="Start"/>.</summary>
    public TrapTable Traps { get; }

    /// <summary>Function ranges, by offset from <see cref="Start"/>.</summary>
    public FunctionRanges Functions { get; }

    /// <summary>Function names (function index → name), when the module had a name section.</summary>
    public IReadOnlyDictionary<uint, string>? Names { get; }

    /// <summary>Code offset → wasm byte offset, when the compiler recorded it.</summary>
    public SourceOffsets? Sources { get; }

    /// <summary>Whether <paramref name="pc"/> lies in this region.</summary>
    public bool Contains(nint pc) => (nuint)(pc - Start) < Length;

    /// <summary>The backtrace frame for an address in this region, if it is inside a known function.
    /// <paramref name="isReturnAddress"/>: <paramref name="pc"/> follows a call (a caller's frame), so its wasm
    /// instruction is the call's, the one before it.</summary>
    public TrapFrame? FrameAt(nint pc, bool isReturnAddress = false)
    {
        if (!Contains(pc) || !Functions.TryLookup((uint)(pc - Start), out uint func, out uint offset))
            return null;
        string? name = null;
        Names?.TryGetValue(func, out name);
        uint codeOffset = (uint)(pc - Start);
        uint? wasm = Sources?.Lookup(isReturnAddress && offset > 0 ? codeOffset - 1 : codeOffset, codeOffset - offset);
        return new TrapFrame(func, name, offset) { WasmOffset = wasm };
    }
}
