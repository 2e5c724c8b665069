namespace Kiln.HostileShapes;

/// <summary>A module shape whose size is one number and that a compiler must handle in time and memory linear in it.</summary>
public enum HostileShape
{
    /// <summary>One function: a chain of n arithmetic operations on one local (about 6 bytes each).</summary>
    StraightLine,

    /// <summary>One function with n i32 locals (its parameter included), each set and then all summed (at most 50,000, the validation limit).</summary>
    ManyLocals,

    /// <summary>One function: n nested <c>block</c>s, each with a <c>br_if</c> out of it.</summary>
    NestedBlocks,

    /// <summary>One function: n <c>if</c> blocks in sequence, each testing and updating one of 16 locals that all stay live.</summary>
    IfChain,

    /// <summary>One function: a <c>br_table</c> with n entries over 16 labels.</summary>
    BrTable,

    /// <summary>One function: n constants pushed onto the operand stack, then added together.</summary>
    DeepOperandStack,

    /// <summary>n small functions, each calling the one before.</summary>
    ManyFunctions,

    /// <summary>n active data segments of 256 bytes each into one memory.</summary>
    DataSegments,
}
