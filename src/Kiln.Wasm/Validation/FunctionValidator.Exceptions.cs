using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Validation;

// try_table and its catch clauses (Wasm 3.0 exception handling); throw and throw_ref are typed in Step.
public sealed partial class FunctionValidator
{
    private CatchClause[] _catches = new CatchClause[4];

    private FuncType Tag(uint index)
    {
        var tags = _ctx.TagTypes;
        if (index >= (uint)tags.Length) throw Fail($"unknown tag {index}");
        return tags[index];
    }

    private void TryTable(in Instruction ins, ref InstructionReader reader)
    {
        ResolveBlockType(ins.BlockType, out var start, out var end);
        PopVals(start);
        int count = ins.CatchCount;
        if (_catches.Length < count) _catches = new CatchClause[Math.Max(count, _catches.Length * 2)];
        var clauses = _catches.AsSpan(0, count);
        reader.ReadCatchClauses(in ins, clauses);
        // Labels are resolved outside the try_table's own frame: a catch branches as if from just before it.
        foreach (var c in clauses)
        {
            var label = Label(c.Label).LabelTypes;
            ReadOnlySpan<ValType> payload = c.HasTag ? Tag(c.Tag).Params : [];
            int n = payload.Length + (c.PassesRef ? 1 : 0);
            bool ok = label.Length == n && payload.SequenceEqual(label.AsSpan(0, payload.Length))
                && (!c.PassesRef || label[n - 1] == ValType.ExnRef);
            if (!ok)
                throw Fail($"type mismatch: {CatchClause.Keyword(c.Kind)} to label {c.Label} carries {Describe(payload, c.PassesRef)} but the label expects {Describe(label, false)}");
        }
        PushCtrl(Opcode.TryTable, start, end);
    }

    private static string Describe(ReadOnlySpan<ValType> types, bool plusExnRef)
    {
        var parts = new List<string>(types.Length + 1);
        foreach (var t in types) parts.Add(t.ToText());
        if (plusExnRef) parts.Add("exnref");
        return "[" + string.Join(" ", parts) + "]";
    }
}
