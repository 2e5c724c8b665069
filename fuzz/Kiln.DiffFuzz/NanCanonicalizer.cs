using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.DiffFuzz;

/// <summary>
/// Makes every NaN in a module deterministic where the spec leaves it open, and nowhere else. The spec's only
/// source of nondeterminism in Wasm 2.0 scalar code is the NaN produced by a float arithmetic instruction
/// (§4.3.3, "NaN propagation": any canonical NaN of either sign, or any arithmetic NaN, may come out of
/// add/sub/mul/div/sqrt/min/max/ceil/floor/trunc/nearest/demote/promote). So right after each of those the
/// harness inserts <c>local.tee t; f32.const nan; local.get t; local.get t; f32.eq; select</c>: a NaN result
/// becomes the positive canonical NaN, every other value passes unchanged. Everything else that can carry NaN
/// bits is bit-exact by the spec (const, load/store, reinterpret, abs/neg/copysign, locals, globals, select,
/// calls) and stays so, which lets NaN payloads that flow from constants, arguments or data segments through
/// memory and reinterprets be compared exactly.
/// </summary>
internal static class NanCanonicalizer
{
    public static FunctionBody Rewrite(FunctionBody body, int paramCount)
    {
        var code = body.Code.Span;
        uint locals = (uint)paramCount;
        foreach (var g in body.Locals) locals += g.Count;
        uint t32 = locals, t64 = locals + 1;
        var output = new List<byte>(code.Length + code.Length / 4);
        var reader = new InstructionReader(code, 0);
        bool changed = false;
        int copied = 0;
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            char width = Produces(ins.Opcode);
            if (width == '\0') continue;
            int end = reader.Offset;
            for (int i = copied; i < end; i++) output.Add(code[i]);
            copied = end;
            changed = true;
            if (width == 's')
            {
                output.Add(0x22); Leb.U(output, t32);
                output.Add(0x43); output.AddRange(BitConverter.GetBytes(0x7fc00000u));
                output.Add(0x20); Leb.U(output, t32);
                output.Add(0x20); Leb.U(output, t32);
                output.Add(0x5B); // f32.eq
            }
            else
            {
                output.Add(0x22); Leb.U(output, t64);
                output.Add(0x44); output.AddRange(BitConverter.GetBytes(0x7ff8000000000000ul));
                output.Add(0x20); Leb.U(output, t64);
                output.Add(0x20); Leb.U(output, t64);
                output.Add(0x61); // f64.eq
            }
            output.Add(0x1B); // select: x if x == x, else the canonical NaN
        }
        if (!changed) return body;
        for (int i = copied; i < code.Length; i++) output.Add(code[i]);
        return new FunctionBody { Locals = [.. body.Locals, new LocalGroup(1, ValType.F32), new LocalGroup(1, ValType.F64)], Code = output.ToArray() };
    }

    /// <summary>'s' or 'd' for an instruction whose NaN result the spec leaves nondeterministic, else '\0'.</summary>
    private static char Produces(Opcode op) => op switch
    {
        >= Opcode.F32Ceil and <= Opcode.F32Max => 's', // ceil floor trunc nearest sqrt add sub mul div min max
        >= Opcode.F64Ceil and <= Opcode.F64Max => 'd',
        Opcode.F32DemoteF64 => 's',
        Opcode.F64PromoteF32 => 'd',
        _ => '\0',
    };
}
