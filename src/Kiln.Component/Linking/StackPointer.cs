using Kiln.Wasm;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>How a stack-pointer global was identified.</summary>
public enum StackPointerEvidence : byte
{
    /// <summary>The <c>name</c> section calls it <c>__stack_pointer</c>.</summary>
    Name,
    /// <summary>Functions read it and subtract from it at entry (a shadow-stack prologue).</summary>
    Shape,
}

/// <summary>
/// Finds the global a core module uses as its shadow-stack pointer: first by name (<c>__stack_pointer</c> in the
/// <c>name</c> section's global names), then by the shape of the code — the mutable i32 global that the most
/// functions load and decrement in their first instructions (<c>global.get g; i32.const n; i32.sub</c>).
/// </summary>
public static class StackPointer
{
    public const string GlobalName = "__stack_pointer";

    /// <summary>Instructions at a function's start searched for the prologue.</summary>
    private const int PrologueWindow = 8;

    /// <summary>The stack-pointer global and how it was found, or null when neither its name nor the shape names one.</summary>
    public static (uint Global, StackPointerEvidence Evidence)? Find(WasmModule m)
    {
        m.CountImports();
        if (FindGlobalByName(m, GlobalName) is { } named && IsMutableI32(m, named)) return (named, StackPointerEvidence.Name);
        var votes = new Dictionary<uint, int>();
        foreach (var body in m.Codes)
            if (PrologueGlobal(body.Code.Span) is { } g && g < m.TotalGlobalCount && IsMutableI32(m, g))
                votes[g] = votes.GetValueOrDefault(g) + 1;
        if (votes.Count == 0) return null;
        uint best = votes.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
        return (best, StackPointerEvidence.Shape);
    }

    /// <summary>Like <see cref="Find"/>, but a module without an identifiable stack pointer is an error.</summary>
    public static uint Require(WasmModule m, string what) =>
        Find(m)?.Global ?? throw new ComponentNewException(ComponentNewErrorKind.NoStackPointer,
            $"{what}: no stack-pointer global found (no global named `{GlobalName}` in the name section, and no mutable i32 global that functions decrement at entry)");

    public static bool IsMutableI32(WasmModule m, uint global) =>
        global < m.TotalGlobalCount && m.GlobalAt(global) is { ValueType: ValType.I32, Mutable: true };

    /// <summary>The global <c>global.get g; …; i32.sub</c> decrements at the start of <paramref name="code"/>.</summary>
    private static uint? PrologueGlobal(ReadOnlySpan<byte> code)
    {
        var r = new InstructionReader(code, 0, WasmFeatures.Default);
        uint? loaded = null;
        try
        {
            for (int i = 0; i < PrologueWindow && !r.AtEnd; i++)
            {
                var ins = r.Read();
                if (ins.Opcode == Opcode.GlobalGet && loaded is null) loaded = ins.Index;
                else if (ins.Opcode == Opcode.I32Sub && loaded is not null) return loaded;
                else if (ins.Opcode is Opcode.Block or Opcode.Loop or Opcode.If or Opcode.Call or Opcode.CallIndirect) return null;
            }
        }
        catch (WasmDecodeException)
        {
            return null;
        }
        return null;
    }

    /// <summary>A global's index by its name in the <c>name</c> section (subsection 7, global names).</summary>
    public static uint? FindGlobalByName(WasmModule m, string name)
    {
        foreach (var c in m.CustomSections)
            if (c.Name == NameSectionDecoder.SectionName && GlobalNames(c.Content.Span) is { } names)
                foreach (var (index, n) in names)
                    if (n == name) return index;
        return null;
    }

    private const byte GlobalSubsection = 7;

    /// <summary>The global-names subsection's map; null when the section is malformed (names are best effort).</summary>
    private static List<(uint, string)>? GlobalNames(ReadOnlySpan<byte> content)
    {
        try
        {
            var r = new WasmReader(content, 0);
            while (!r.AtEnd)
            {
                byte id = r.ReadByte();
                uint size = r.ReadU32();
                int end = r.Position + (int)size;
                if (id == GlobalSubsection)
                {
                    var list = new List<(uint, string)>();
                    uint count = r.ReadU32();
                    for (uint i = 0; i < count; i++) list.Add((r.ReadU32(), r.ReadName()));
                    return list;
                }
                r.Position = end;
            }
        }
        catch (WasmDecodeException)
        {
        }
        return null;
    }
}
