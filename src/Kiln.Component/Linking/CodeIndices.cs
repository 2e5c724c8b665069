using Kiln.Wasm;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>
/// Finds and renumbers the module-level indices (types, functions, tables, memories, globals, tags, element and
/// data segments) in an instruction sequence: a function body or a constant expression. Scanning finds what code
/// reaches (for <see cref="ModuleGc"/>); rewriting re-encodes it with every index passed through a map.
/// </summary>
public static class CodeIndices
{
    /// <summary>Calls <paramref name="use"/> for every module-level index <paramref name="code"/> names.</summary>
    public static void Scan(ReadOnlySpan<byte> code, Action<IndexSpace, uint> use) =>
        Walk(code, (space, index) => { use(space, index); return index; }, null);

    /// <summary><paramref name="code"/> with every index replaced by <paramref name="map"/>'s answer.</summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> code, Func<IndexSpace, uint, uint> map)
    {
        var w = new WasmWriter();
        Walk(code, map, new CodeWriter(w));
        return w.ToArray();
    }

    private static void Walk(ReadOnlySpan<byte> code, Func<IndexSpace, uint, uint> map, CodeWriter? output)
    {
        var reader = new InstructionReader(code, 0, WasmFeatures.Default);
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            var info = ins.Info;
            Instruction outIns = ins;
            CatchClause[]? catches = null;
            switch (info.Immediate)
            {
                case ImmediateKind.TryTable:
                    catches = new CatchClause[ins.CatchCount];
                    reader.ReadCatchClauses(ins, catches);
                    for (int i = 0; i < catches.Length; i++)
                        if (catches[i].HasTag) catches[i] = catches[i] with { Tag = map(IndexSpace.Tag, catches[i].Tag) };
                    if (ins.BlockType.Raw >= 0) outIns = new Instruction(ins.Opcode, ins.Offset, map(IndexSpace.Type, ins.Index), ins.Imm1, ins.Imm2);
                    break;
                case ImmediateKind.BlockType:
                    if (ins.BlockType.Raw >= 0)
                        outIns = new Instruction(ins.Opcode, ins.Offset, map(IndexSpace.Type, ins.Index));
                    break;
                case ImmediateKind.Func: outIns = One(ins, map(IndexSpace.Func, ins.Index)); break;
                case ImmediateKind.Global: outIns = One(ins, map(IndexSpace.Global, ins.Index)); break;
                case ImmediateKind.Table: outIns = One(ins, map(IndexSpace.Table, ins.Index)); break;
                case ImmediateKind.Memory: outIns = One(ins, map(IndexSpace.Memory, ins.Index)); break;
                case ImmediateKind.Data: outIns = One(ins, map(IndexSpace.Data, ins.Index)); break;
                case ImmediateKind.Elem: outIns = One(ins, map(IndexSpace.Elem, ins.Index)); break;
                case ImmediateKind.Tag: outIns = One(ins, map(IndexSpace.Tag, ins.Index)); break;
                case ImmediateKind.CallIndirect:
                    outIns = Two(ins, map(IndexSpace.Type, ins.Index), map(IndexSpace.Table, ins.Index2));
                    break;
                case ImmediateKind.MemoryInit:
                    outIns = Two(ins, map(IndexSpace.Data, ins.Index), map(IndexSpace.Memory, ins.Index2));
                    break;
                case ImmediateKind.MemoryCopy:
                    outIns = Two(ins, map(IndexSpace.Memory, ins.Index), map(IndexSpace.Memory, ins.Index2));
                    break;
                case ImmediateKind.TableInit:
                    outIns = Two(ins, map(IndexSpace.Elem, ins.Index), map(IndexSpace.Table, ins.Index2));
                    break;
                case ImmediateKind.TableCopy:
                    outIns = Two(ins, map(IndexSpace.Table, ins.Index), map(IndexSpace.Table, ins.Index2));
                    break;
                case ImmediateKind.MemArg:
                case ImmediateKind.MemArgLane:
                    outIns = new Instruction(ins.Opcode, ins.Offset, ins.Imm0, ins.Imm1, map(IndexSpace.Memory, ins.MemoryIndex), ins.Lane);
                    break;
            }
            if (output is null) continue;
            switch (info.Immediate)
            {
                case ImmediateKind.BrTable:
                    {
                        var t = new uint[ins.BrTableCount];
                        reader.ReadBrTableTargets(ins, t);
                        output.Emit(ins, t);
                        break;
                    }
                case ImmediateKind.TryTable:
                    output.TryTable(outIns.BlockType, catches);
                    break;
                default:
                    output.Emit(outIns);
                    break;
            }
        }
    }

    private static Instruction One(in Instruction ins, uint index) => new(ins.Opcode, ins.Offset, index);
    private static Instruction Two(in Instruction ins, uint a, uint b) => new(ins.Opcode, ins.Offset, a, b);
}
