using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

/// <summary>
/// One entry of the validator's control stack (the spec appendix's ctrl_frame). The function body itself
/// is the outermost frame, of kind <see cref="Opcode.Block"/>. The type arrays are shared (the module's
/// <see cref="FuncType"/> arrays or static singletons), never copied.
/// </summary>
public struct ControlFrame
{
    /// <summary>Block, Loop, If, or Else once the if's else has been seen.</summary>
    public Opcode Kind;

    /// <summary>Types the block takes from the stack (its parameters).</summary>
    public ValType[] StartTypes;

    /// <summary>Types the block leaves on the stack (its results).</summary>
    public ValType[] EndTypes;

    /// <summary>Operand stack height when the block was entered, below its parameters.</summary>
    public int Height;

    /// <summary>True after an unconditional branch: the rest of the block is unreachable and its stack polymorphic.</summary>
    public bool Unreachable;

    /// <summary>What a branch to this frame's label carries: a loop's parameters, otherwise its results.</summary>
    public readonly ValType[] LabelTypes => Kind == Opcode.Loop ? StartTypes : EndTypes;
}
