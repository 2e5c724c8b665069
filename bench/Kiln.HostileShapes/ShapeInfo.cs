namespace Kiln.HostileShapes;

/// <summary>A shape's size as issue 17 lists it (the base of the 10× acceptance) and the largest valid size.</summary>
public readonly record struct ShapeInfo(HostileShape Shape, string Name, int ListedSize, int MaxSize)
{
    /// <summary>One row per shape, in <see cref="HostileShape"/> order.</summary>
    public static readonly ShapeInfo[] All =
    [
        new(HostileShape.StraightLine, "straight-line", 100_000, 1_000_000),
        // 50,000 locals is the limit (wasmparser's MAX_WASM_FUNCTION_LOCALS), so 10× is measured from 5,000.
        new(HostileShape.ManyLocals, "many-locals", 5_000, 50_000),
        new(HostileShape.NestedBlocks, "nested-blocks", 10_000, 100_000),
        new(HostileShape.IfChain, "if-chain", 30_000, 300_000),
        new(HostileShape.BrTable, "br-table", 100_000, 1_000_000),
        new(HostileShape.DeepOperandStack, "deep-stack", 100_000, 1_000_000),
        new(HostileShape.ManyFunctions, "many-functions", 10_000, 100_000),
        // 100,000 data segments is the limit (wasmparser's MAX_WASM_DATA_SEGMENTS).
        new(HostileShape.DataSegments, "data-segments", 10_000, 100_000),
    ];

    public static ShapeInfo Of(HostileShape shape) => All[(int)shape];

    public static bool TryParse(string name, out ShapeInfo info)
    {
        foreach (var s in All)
        {
            if (s.Name == name)
            {
                info = s;
                return true;
            }
        }
        info = default;
        return false;
    }
}
