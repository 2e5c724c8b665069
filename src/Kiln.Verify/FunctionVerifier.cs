using Iced.Intel;

namespace Kiln.Verify;

/// <summary>
/// Verifies one function of the code blob by abstract interpretation over its control-flow graph, discovered by
/// recursive descent from its entry (so jump-table data after the code is never taken for instructions): a
/// forward dataflow to a fixpoint over <see cref="MachineState"/>, checking every reachable instruction against
/// the properties listed in the README. The first violation ends the run.
/// </summary>
internal sealed class FunctionVerifier
{
    private const int Rsp = 4, Rbp = 5;
    private static readonly int[] CallerSaved = [0, 1, 2, 6, 7, 8, 9, 10, 11]; // rax rcx rdx rsi rdi r8–r11 (System V)

    private readonly byte[] code;
    private readonly int start, end;
    private readonly string name;
    private readonly bool wasmFunction;
    private readonly SandboxFacts facts;
    private readonly HashSet<int> entries;
    private readonly Dictionary<int, MachineState> inStates = [];
    private readonly Dictionary<int, Instruction> decoded = [];
    private readonly int[] owner; // per byte: 1 + offset of the instruction covering it, -1 for jump-table data
    private readonly Queue<int> work = new();
    private readonly HashSet<int> queued = [];

    private readonly int valueArrayBytes;
    private readonly IReadOnlyDictionary<int, int>? landings;

    /// <param name="valueArrayBytes">For an entry trampoline: the size of the host's value array it reads and writes (rsi).</param>
    /// <param name="landings">The artifact's landing sites (return offset → landing offset, blob offsets): code the
    /// unwinder resumes at after a call, entered with only rsp and rbp known.</param>
    public FunctionVerifier(byte[] code, int start, int length, string name, bool wasmFunction, SandboxFacts facts, HashSet<int> entries, int valueArrayBytes = 0,
        IReadOnlyDictionary<int, int>? landings = null)
    {
        this.landings = landings;
        this.code = code;
        this.start = start;
        end = start + length;
        this.name = name;
        this.wasmFunction = wasmFunction;
        this.facts = facts;
        this.entries = entries;
        owner = new int[length];
        this.valueArrayBytes = valueArrayBytes;
    }

    public Violation? Run()
    {
        var entry = new MachineState();
        if (wasmFunction)
            entry.Registers[7] = new(ValueKind.VmContext); // rdi: the callee's vmctx
        else
        {
            // Trampolines: rdi is a {code, vmctx} pair the runtime made (a VMFuncRef for an entry, the host function's
            // context for a host call), rsi an entry trampoline's value array. They run on the host's stack or
            // right after a checked wasm frame; the stack check belongs to the wasm functions they call.
            entry.Registers[7] = new(ValueKind.FuncRef);
            if (valueArrayBytes > 0) entry.Registers[6] = new(ValueKind.ValueArray, valueArrayBytes);
            entry.StackChecked = true;
        }
        inStates[start] = entry;
        Enqueue(start);
        while (work.Count > 0)
        {
            int at = work.Dequeue();
            queued.Remove(at);
            if (Step(at, inStates[at].Clone()) is { } v) return v;
        }
        return null;
    }

    private void Enqueue(int at)
    {
        if (queued.Add(at)) work.Enqueue(at);
    }

    private Violation? Flow(int at, int target, MachineState state)
    {
        if (target < start || target >= end)
            return Fail(ViolationKind.ControlFlowEscape, at, $"branch to code offset 0x{target:x}, outside the function [0x{start:x}, 0x{end:x})");
        if (inStates.TryGetValue(target, out var existing))
        {
            if (existing.JoinWith(state)) Enqueue(target);
        }
        else
        {
            inStates[target] = state;
            Enqueue(target);
        }
        return null;
    }

    private Violation? Step(int at, MachineState s)
    {
        if (!decoded.TryGetValue(at, out var ins))
        {
            var reader = new ByteArrayCodeReader(code, at, end - at);
            var decoder = Decoder.Create(64, reader, (ulong)at);
            decoder.Decode(out ins);
            if (ins.IsInvalid) return Fail(ViolationKind.Undecodable, at, "bytes that do not decode as an instruction", "(invalid)");
            for (int b = at; b < at + ins.Length; b++)
            {
                int o = owner[b - start];
                if (o != 0 && o != at + 1)
                    return Fail(ViolationKind.Undecodable, at, o < 0 ? "instructions overlap a jump table" : "a branch into the middle of an instruction", ins.ToString());
                owner[b - start] = at + 1;
            }
            decoded[at] = ins;
        }
        string text = ins.ToString();
        if (!AllowedInstructions.IsAllowed(ins))
            return Fail(ViolationKind.ForbiddenInstruction, at, "not in the allowed instruction set", text);

        var info = new InstructionInfoFactory().GetInfo(ins);
        // Memory accesses (explicit and implicit: push, pop, call, ret use the stack).
        AbstractValue loaded = AbstractValue.Unknown;
        bool explicitLoad = false;
        foreach (var mem in info.GetUsedMemory())
        {
            if (ins.Mnemonic == Mnemonic.Lea) break;
            bool write = mem.Access is OpAccess.Write or OpAccess.CondWrite or OpAccess.ReadWrite or OpAccess.ReadCondWrite;
            if (mem.Base == Register.RSP && mem.Index == Register.None && ins.Mnemonic is Mnemonic.Push or Mnemonic.Pop or Mnemonic.Call or Mnemonic.Ret)
                continue; // the implicit stack slot of push/pop/call/ret
            var (ok, value, why) = Access(s, ins, mem, write);
            if (!ok) return Fail(ViolationKind.UncheckedMemoryAccess, at, why, text);
            if (!s.StackChecked && !IsStackOrPrologueLoad(s, mem))
                return Fail(ViolationKind.MissingStackCheck, at, "memory access before the prologue's stack-limit check", text);
            if (!write) { loaded = value; explicitLoad = true; }
        }

        int next = at + ins.Length;
        switch (ins.FlowControl)
        {
            case FlowControl.Return:
                if (!s.StackChecked) return Fail(ViolationKind.MissingStackCheck, at, "a path returns without the prologue's stack-limit check", text);
                return null;
            case FlowControl.Exception: // ud2: a trap, the end of its path
                return null;
            case FlowControl.UnconditionalBranch:
                return Flow(at, (int)ins.NearBranchTarget, s);
            case FlowControl.ConditionalBranch:
            {
                var taken = s.Clone();
                var fall = s;
                Refine(fall, ins.ConditionCode);
                taken.ClearFlags();
                fall.ClearFlags();
                return Flow(at, (int)ins.NearBranchTarget, taken) ?? Flow(at, next, fall);
            }
            case FlowControl.IndirectBranch:
                return JumpTable(at, ins, s, text);
            case FlowControl.Call:
            case FlowControl.IndirectCall:
            {
                if (!s.StackChecked) return Fail(ViolationKind.MissingStackCheck, at, "call before the prologue's stack-limit check", text);
                if (ins.FlowControl == FlowControl.Call)
                {
                    if (!entries.Contains((int)ins.NearBranchTarget))
                        return Fail(ViolationKind.ControlFlowEscape, at, $"call to code offset 0x{ins.NearBranchTarget:x}, which is no function or trampoline entry", text);
                }
                else
                {
                    var target = ins.Op0Kind == OpKind.Register ? Get(s, ins.Op0Register) : (explicitLoad ? loaded : AbstractValue.Unknown);
                    if (target.Kind != ValueKind.CodePointer)
                        return Fail(ViolationKind.UncheckedIndirectBranch, at, "indirect call through a value not read from the runtime's function pointers (imports, builtins, or a bounds-checked table entry)", text);
                }
                foreach (int r in CallerSaved) s.Registers[r] = AbstractValue.Unknown;
                s.ClearFlags();
                // A call that may unwind: its landing code is a second successor, reached with the frame as after
                // the call (rsp, rbp and the spill slots) and every other register unknown.
                if (landings is not null && landings.TryGetValue(next, out int landing))
                {
                    var unwound = s.Clone();
                    for (int r = 0; r < unwound.Registers.Length; r++)
                        if (r is not (Rsp or Rbp)) unwound.Registers[r] = AbstractValue.Unknown;
                    if (Flow(at, landing, unwound) is { } lv) return lv;
                }
                return Flow(at, next, s);
            }
            case FlowControl.Next:
                break;
            default:
                return Fail(ViolationKind.ForbiddenInstruction, at, $"control flow {ins.FlowControl} is not allowed", text);
        }

        if (Effects(at, ins, info, s, loaded, explicitLoad, text) is { } v) return v;
        return Flow(at, next, s);
    }

    /// <summary>Before the stack check only pushes onto the frame and the loads that read the stack limit may run.</summary>
    private static bool IsStackOrPrologueLoad(MachineState s, UsedMemory mem)
    {
        if (mem.Base is Register.RSP or Register.RBP) return true;
        var b = Get(s, mem.Base);
        return mem.Index == Register.None && (b.Kind == ValueKind.VmContext && (long)mem.Displacement == Kiln.Compiler.VmContext.VmContextLayout.StoreContextOffset
            || b.Kind == ValueKind.StoreContext);
    }

    /// <summary>Classifies a memory access; a load's result is what it reads, when known.</summary>
    private (bool Ok, AbstractValue Value, string Why) Access(MachineState s, in Instruction ins, UsedMemory mem, bool write)
    {
        long disp = (long)mem.Displacement;
        int size = mem.MemorySize.GetSize();
        if (mem.Base == Register.RIP)
            return (false, default, "rip-relative data access (only lea of a jump table inside the function is allowed)");
        if (mem.Base is Register.RSP or Register.RBP)
        {
            if (mem.Index != Register.None) return (false, default, "indexed access to the stack");
            if (disp < -(1 << 20) || disp > (1 << 20)) return (false, default, $"stack access at displacement {disp}, outside any frame");
            var slot = size == 8 && SlotKey(s, mem.Base, disp) is long key && s.Slots.TryGetValue(key, out var v) ? v : AbstractValue.Unknown;
            return (true, slot, "");
        }
        var bas = Get(s, mem.Base);
        var idx = mem.Index == Register.None ? (AbstractValue?)null : Get(s, mem.Index);
        int scale = mem.Scale;
        // The linear memory: base + zero-extended 32-bit index + a non-negative displacement, inside the guard.
        if (bas.Kind == ValueKind.HeapBase || idx?.Kind == ValueKind.HeapBase && scale == 1)
        {
            var other = bas.Kind == ValueKind.HeapBase ? idx : bas;
            if (other is { } o && (!o.IsBounded32 || bas.Kind == ValueKind.HeapBase && scale != 1))
                return (false, default, "heap access whose index is not proved to be a zero-extended 32-bit value");
            long folded = bas.Kind == ValueKind.HeapBase ? bas.Bound : idx!.Value.Bound;
            if (disp < 0 || disp + folded > SandboxFacts.HeapDisplacementLimit)
                return (false, default, $"heap access at displacement {disp} + {folded}, outside the guard region");
            return (true, size == 4 || size == 2 || size == 1 ? AbstractValue.Bounded : AbstractValue.Unknown, "");
        }
        // A table element: index proved below the length, or a constant index below a proved minimum length.
        bool constantElement = bas.Kind == ValueKind.TableElements && disp >= 0 && disp % 8 == 0
            && (idx is null && disp / 8 < s.TableMinLength.GetValueOrDefault(bas.Number)
                || idx is { Kind: ValueKind.Constant } c && scale == 8 && disp == 0 && c.Number >= 0 && c.Number < s.TableMinLength.GetValueOrDefault(bas.Number));
        constantElement |= bas.Kind == ValueKind.TableElements && disp == 0 && scale == 1 && idx is { } bo
            && (bo.Kind == ValueKind.TableByteOffset && bo.Number == bas.Number
                || bo.Kind == ValueKind.Constant && bo.Number >= 0 && bo.Number % 8 == 0 && bo.Number / 8 < s.TableMinLength.GetValueOrDefault(bas.Number));
        if (constantElement) return (true, write ? AbstractValue.Unknown : new(ValueKind.FuncRef, bas.Number), "");
        if (idx is { } ix && !(bas.Kind == ValueKind.TableElements && ix.Kind == ValueKind.TableIndex && ix.Number == bas.Number && scale == 8 && disp == 0)
            && !(bas.Kind == ValueKind.JumpTable && ix.Kind == ValueKind.AtMost && scale == 4 && disp == 0))
            return (false, default, $"indexed access through {mem.Base} ({bas.Kind}) + {mem.Index} ({ix.Kind})*{scale}: no bounds check proved");
        switch (bas.Kind)
        {
            case ValueKind.VmContext:
                if (disp < 0 || disp + size > facts.VmContextSize) return (false, default, $"VMContext access at {disp}, outside its {facts.VmContextSize} bytes");
                if (write && (disp < facts.WritableStart || disp + size > facts.WritableEnd))
                    return (false, default, $"write to VMContext offset {disp}, which holds runtime pointers (only defined globals [{facts.WritableStart}, {facts.WritableEnd}) are writable)");
                return (true, size == 8 && facts.Slots.TryGetValue(disp, out var sv) ? sv : size <= 4 ? AbstractValue.Bounded : AbstractValue.Unknown, "");
            case ValueKind.Builtins:
                if (write || disp < 0 || disp % 8 != 0 || disp / 8 >= facts.BuiltinCount) return (false, default, $"builtins table access at {disp} ({facts.BuiltinCount} entries, read-only)");
                return (true, new(ValueKind.CodePointer), "");
            case ValueKind.StoreContext:
                if (write || disp != 0) return (false, default, "store context: only the stack limit may be read");
                return (true, AbstractValue.Unknown, "");
            case ValueKind.TypeIds:
                if (write || disp < 0 || disp + size > 4L * facts.TypeCount) return (false, default, "type id array access out of range or a write");
                return (true, AbstractValue.Bounded, "");
            case ValueKind.MemoryDefinition:
                if (write || disp < 0 || disp + size > 16) return (false, default, "memory definition: read-only, 16 bytes");
                return (true, disp == 0 && size == 8 ? new(ValueKind.HeapBase, bas.Number) : AbstractValue.Unknown, "");
            case ValueKind.TableDefinition:
                if (write || disp < 0 || disp + size > 16) return (false, default, "table definition: read-only, 16 bytes");
                return (true, disp == 0 && size == 8 ? new(ValueKind.TableElements, bas.Number) : disp == 8 && size == 4 ? new(ValueKind.TableLength, bas.Number) : AbstractValue.Unknown, "");
            case ValueKind.TableElements when idx is not null:
                return (true, write ? AbstractValue.Unknown : new(ValueKind.FuncRef, bas.Number), "");
            case ValueKind.FuncRef:
                if (write || disp < 0 || disp + size > 24) return (false, default, "funcref: read-only, 24 bytes");
                return (true, disp == 0 && size == 8 ? new(ValueKind.CodePointer) : size <= 4 ? AbstractValue.Bounded : AbstractValue.Unknown, "");
            case ValueKind.GlobalSlot:
                if (disp < 0 || disp + size > 16) return (false, default, "imported global: 16-byte slot");
                return (true, size <= 4 ? AbstractValue.Bounded : AbstractValue.Unknown, "");
            case ValueKind.ValueArray:
                if (disp < 0 || disp + size > bas.Number) return (false, default, $"value array access at {disp}, outside its {bas.Number} bytes");
                return (true, size <= 4 ? AbstractValue.Bounded : AbstractValue.Unknown, "");
            case ValueKind.StackAddress:
                if (disp < -(1 << 20) || disp > (1 << 20)) return (false, default, "access far from the frame");
                return (true, AbstractValue.Unknown, "");
            case ValueKind.JumpTable when idx is not null:
                if (write) return (false, default, "write to a jump table");
                int table = (int)bas.Number, last = (int)idx.Value.Number;
                if (table + 4L * (last + 1) > end) return (false, default, "jump table runs past the function");
                return (true, new(ValueKind.JumpTableEntry, table, last), "");
            default:
                return (false, default, $"access through {mem.Base}, which holds no value proved to point into the sandbox ({bas.Kind})");
        }
    }

    /// <summary>On the fall-through of a conditional branch: what the last comparison proves.</summary>
    private static void Refine(MachineState s, ConditionCode cc)
    {
        if (s.CompareStack && cc == ConditionCode.b) s.StackChecked = true;
        if (s.CompareRegister < 0) return;
        var with = s.CompareWith;
        int r = s.CompareRegister;
        if (with.Kind == ValueKind.TableLength)
        {
            // cmp idx, len; jae trap  (fall through: idx < len)   or   cmp len, idx; jbe trap (fall through: len > idx)
            if (!s.CompareSwapped && cc == ConditionCode.ae || s.CompareSwapped && cc == ConditionCode.be)
                s.Registers[r] = new(ValueKind.TableIndex, with.Number);
        }
        else if (with.Kind == ValueKind.Constant && !s.CompareSwapped && s.Registers[r].Kind == ValueKind.TableLength && with.Number >= 0)
        {
            // cmp len, K; jbe trap (fall through: len > K)   or   jb trap (fall through: len >= K)
            long min = cc == ConditionCode.be ? with.Number + 1 : cc == ConditionCode.b ? with.Number : 0;
            long t = s.Registers[r].Number;
            if (min > s.TableMinLength.GetValueOrDefault(t)) s.TableMinLength[t] = min;
        }
        else if (with.Kind == ValueKind.Constant && !s.CompareSwapped && s.Registers[r].IsBounded32 && with.Number >= 0)
        {
            if (cc == ConditionCode.ae && with.Number > 0) s.Registers[r] = new(ValueKind.AtMost, with.Number - 1);
            else if (cc == ConditionCode.a) s.Registers[r] = new(ValueKind.AtMost, with.Number);
        }
    }

    private Violation? JumpTable(int at, in Instruction ins, MachineState s, string text)
    {
        var t = ins.Op0Kind == OpKind.Register ? Get(s, ins.Op0Register) : AbstractValue.Unknown;
        if (t.Kind != ValueKind.JumpTarget)
            return Fail(ViolationKind.UncheckedIndirectBranch, at, "indirect jump not through a bounded jump table of this function", text);
        int table = (int)t.Number;
        for (int k = 0; k <= t.Bound; k++)
        {
            int entry = table + 4 * k;
            for (int b = entry; b < entry + 4; b++)
            {
                if (owner[b - start] > 0) return Fail(ViolationKind.Undecodable, at, "jump table overlaps instructions", text);
                owner[b - start] = -1;
            }
            int target = table + BitConverter.ToInt32(code, entry);
            s.ClearFlags();
            if (Flow(at, target, s.Clone()) is { } v) return v;
        }
        return null;
    }

    /// <summary>Register effects of an instruction that falls through.</summary>
    private Violation? Effects(int at, in Instruction ins, InstructionInfo info, MachineState s, AbstractValue loaded, bool explicitLoad, string text)
    {
        // What the instruction computes into its first operand, when a rule knows; everything else written is
        // Unknown (or Bounded32 for a 32-bit register, which the CPU zero-extends).
        AbstractValue? result = null;
        int dest = ins.OpCount > 0 && ins.Op0Kind == OpKind.Register ? Index(ins.Op0Register) : -1;
        var m = ins.Mnemonic;
        if (m == Mnemonic.Mov && dest >= 0 && ins.Op0Register.GetSize() == 8)
        {
            if (ins.Op1Kind == OpKind.Register) result = Get(s, ins.Op1Register);
            else if (explicitLoad) result = loaded;
            else if (ins.Op1Kind is OpKind.Immediate32to64 or OpKind.Immediate64) result = Constant((long)ins.GetImmediate(1));
        }
        else if (m == Mnemonic.Mov && dest >= 0 && ins.Op0Register.GetSize() == 4)
        {
            result = explicitLoad && loaded.Kind == ValueKind.TableLength ? loaded
                : ins.Op1Kind == OpKind.Immediate32 ? Constant((uint)ins.GetImmediate(1))
                : ins.Op1Kind == OpKind.Register && Get(s, ins.Op1Register) is { IsBounded32: true } v32 && v32.Kind != ValueKind.Constant ? v32
                : AbstractValue.Bounded;
        }
        else if (m == Mnemonic.Lea && dest >= 0 && ins.IsIPRelativeMemoryOperand)
        {
            long target = (long)ins.IPRelativeMemoryAddress;
            if (target < start || target >= end) return Fail(ViolationKind.UncheckedMemoryAccess, at, "address of data outside the function", text);
            result = new(ValueKind.JumpTable, target);
        }
        else if (m == Mnemonic.Lea && dest >= 0 && ins.MemoryBase is Register.RSP or Register.RBP && ins.MemoryIndex == Register.None
                 && (long)ins.MemoryDisplacement64 is >= -(1 << 20) and <= 1 << 20)
            result = new(ValueKind.StackAddress);
        else if (m == Mnemonic.Movsxd && dest >= 0 && explicitLoad && loaded.Kind == ValueKind.JumpTableEntry)
            result = loaded;
        else if (m == Mnemonic.Add && dest >= 0 && ins.Op0Register.GetSize() == 8)
        {
            var a = Get(s, ins.Op0Register);
            var b = ins.Op1Kind == OpKind.Register ? Get(s, ins.Op1Register)
                : ins.Op1Kind is OpKind.Immediate32to64 or OpKind.Immediate8to64 ? Constant((long)ins.GetImmediate(1)) : AbstractValue.Unknown;
            if (a.Kind == ValueKind.JumpTableEntry && b.Kind == ValueKind.JumpTable && a.Number == b.Number)
                result = new(ValueKind.JumpTarget, a.Number, a.Bound);
            // A constant offset folded into the heap base (either operand order): still inside the guard if small.
            var (heap, c) = a.Kind == ValueKind.HeapBase ? (a, b) : (b, a);
            if (heap.Kind == ValueKind.HeapBase && c.Kind == ValueKind.Constant && c.Number >= 0 && heap.Bound + c.Number <= uint.MaxValue)
                result = new(ValueKind.HeapBase, heap.Number, heap.Bound + c.Number);
        }
        else if (m == Mnemonic.Shl && dest >= 0 && ins.Op0Register.GetSize() == 8 && ins.Op1Kind == OpKind.Immediate8)
        {
            var a = Get(s, ins.Op0Register);
            int k = ins.Immediate8 & 63;
            if (a.Kind == ValueKind.Constant && a.Number is >= 0 and <= uint.MaxValue && k <= 8) result = Constant(a.Number << k);
            else if (a.Kind == ValueKind.TableIndex && k == 3) result = new(ValueKind.TableByteOffset, a.Number);
        }
        else if (m == Mnemonic.Cmovb && dest >= 0 && ins.Op1Kind == OpKind.Register && s.CompareRegister == Index(ins.Op1Register)
                 && !s.CompareSwapped && s.CompareWith.Kind == ValueKind.Constant && Get(s, ins.Op0Register) == s.CompareWith)
            result = new(ValueKind.AtMost, s.CompareWith.Number); // d = r < N ? r : N
        else if (explicitLoad && dest >= 0 && ins.Op0Register.GetSize() == 4 && loaded.Kind == ValueKind.TableLength)
            result = loaded;

        // The stack pointer and frame pointer change only in the frame's own ways.
        foreach (var used in info.GetUsedRegisters())
        {
            if (used.Access is not (OpAccess.Write or OpAccess.CondWrite or OpAccess.ReadWrite or OpAccess.ReadCondWrite)) continue;
            var full = used.Register.GetFullRegister();
            if (full == Register.RSP && !StackPointerChangeAllowed(ins, s))
                return Fail(ViolationKind.UncheckedMemoryAccess, at, "the stack pointer is set to a value not proved to lie in the frame", text);
            if (full == Register.RBP && !(m == Mnemonic.Mov && ins.Op1Register == Register.RSP || m == Mnemonic.Pop))
                return Fail(ViolationKind.UncheckedMemoryAccess, at, "the frame pointer is set to something other than the stack pointer", text);
        }

        // Flags: what a comparison proves survives until the next flag write.
        if (m == Mnemonic.Cmp)
        {
            s.ClearFlags();
            if (ins.Op0Register == Register.RSP && explicitLoad) s.CompareStack = true;
            else if (ins.Op0Kind == OpKind.Register && Index(ins.Op0Register) is int r0 && r0 >= 0)
            {
                var with = ins.Op1Kind == OpKind.Register ? Get(s, ins.Op1Register)
                    : explicitLoad ? loaded
                    : ins.Op1Kind is OpKind.Immediate32 or OpKind.Immediate8to32 or OpKind.Immediate32to64 or OpKind.Immediate8to64 ? Constant((long)ins.GetImmediate(1))
                    : AbstractValue.Unknown;
                if (with.Kind is ValueKind.TableLength or ValueKind.Constant) { s.CompareRegister = r0; s.CompareWith = with; s.CompareSwapped = false; }
                else if (ins.Op1Kind == OpKind.Register && Get(s, ins.Op0Register).Kind == ValueKind.TableLength)
                { s.CompareRegister = Index(ins.Op1Register); s.CompareWith = Get(s, ins.Op0Register); s.CompareSwapped = true; }
            }
        }
        else if (ins.RflagsModified != RflagsBits.None) s.ClearFlags();

        foreach (var used in info.GetUsedRegisters())
        {
            if (used.Access is not (OpAccess.Write or OpAccess.CondWrite or OpAccess.ReadWrite or OpAccess.ReadCondWrite)) continue;
            int r = Index(used.Register);
            if (r < 0 || r == Rsp) continue;
            if (r == s.CompareRegister && m != Mnemonic.Cmp) s.CompareRegister = -1;
            // Iced names the full register a 32-bit write zero-extends; the operand's own size tells the width.
            int size = r == dest ? ins.Op0Register.GetSize() : used.Register.GetSize();
            s.Registers[r] = r == dest && result is { } known ? known
                : size == 4 ? AbstractValue.Bounded
                : size < 4 && s.Registers[r].IsBounded32 ? AbstractValue.Bounded
                : AbstractValue.Unknown;
        }
        if (m == Mnemonic.Mov && dest == Rbp) s.Registers[Rbp] = AbstractValue.Unknown;

        // Spill slots (rbp- or rsp-relative): a 64-bit register store keeps what the register holds; any other
        // write forgets; a write through rsp at an unknown distance from rbp may be any slot, so it forgets all.
        foreach (var mem in info.GetUsedMemory())
        {
            if (mem.Base is not (Register.RBP or Register.RSP) || mem.Index != Register.None) continue;
            if (mem.Access is not (OpAccess.Write or OpAccess.CondWrite or OpAccess.ReadWrite)) continue;
            if (SlotKey(s, mem.Base, (long)mem.Displacement) is not long d) { s.Slots.Clear(); continue; }
            s.Slots[d] = m == Mnemonic.Mov && mem.MemorySize.GetSize() == 8 && ins.Op1Kind == OpKind.Register ? Get(s, ins.Op1Register) : AbstractValue.Unknown;
        }
        TrackStackPointer(ins, s);
        return null;
    }

    /// <summary>A stack slot's offset from rbp, for an access through rbp or (when rsp − rbp is known) rsp.</summary>
    private static long? SlotKey(MachineState s, Register b, long disp) =>
        b == Register.RBP ? disp : b == Register.RSP && s.RspFromRbp is long o ? o + disp : null;

    /// <summary>Follows rsp − rbp through the frame's own stack-pointer changes (the only ones allowed).</summary>
    private static void TrackStackPointer(in Instruction ins, MachineState s)
    {
        var m = ins.Mnemonic;
        bool rbpWritten = m == Mnemonic.Mov && ins.Op0Kind == OpKind.Register && ins.Op0Register == Register.RBP
            || m == Mnemonic.Pop && ins.Op0Kind == OpKind.Register && ins.Op0Register == Register.RBP;
        if (rbpWritten)
        {
            // A new rbp: slots named from the old one mean nothing now.
            s.Slots.Clear();
            s.RspFromRbp = m == Mnemonic.Mov ? 0 : null;
            return;
        }
        if (s.RspFromRbp is not long o)
        {
            if (m == Mnemonic.Mov && ins.Op0Register == Register.RSP) s.RspFromRbp = 0;                 // mov rsp, rbp
            else if (m == Mnemonic.Lea && ins.Op0Register == Register.RSP) s.RspFromRbp = (long)ins.MemoryDisplacement64;
            return;
        }
        s.RspFromRbp = m switch
        {
            Mnemonic.Push or Mnemonic.Pop => o + ins.StackPointerIncrement,
            Mnemonic.Sub when ins.Op0Register == Register.RSP => o - (long)ins.GetImmediate(1),
            Mnemonic.Add when ins.Op0Register == Register.RSP => o + (long)ins.GetImmediate(1),
            Mnemonic.Mov when ins.Op0Register == Register.RSP => 0,
            Mnemonic.Lea when ins.Op0Register == Register.RSP => (long)ins.MemoryDisplacement64,
            _ => o,
        };
    }

    /// <summary>push/pop, <c>sub/add rsp, imm</c> (frame allocation, bounded), <c>mov rsp, rbp</c> and <c>lea rsp, [rbp+d]</c>.</summary>
    private static bool StackPointerChangeAllowed(in Instruction ins, MachineState s) => ins.Mnemonic switch
    {
        Mnemonic.Push or Mnemonic.Pop => true,
        Mnemonic.Sub or Mnemonic.Add => ins.Op0Register == Register.RSP && ins.Op1Kind is OpKind.Immediate32to64 or OpKind.Immediate8to64
            && (long)ins.GetImmediate(1) is >= 0 and <= 1 << 20,
        Mnemonic.Mov => ins.Op1Kind == OpKind.Register && ins.Op1Register == Register.RBP,
        Mnemonic.Lea => ins.MemoryBase == Register.RBP && ins.MemoryIndex == Register.None,
        _ => false,
    };

    private static AbstractValue Constant(long v) => new(ValueKind.Constant, v);

    private static int Index(Register r)
    {
        if (r == Register.None || !r.IsGPR()) return -1;
        var full = r.GetFullRegister();
        return full >= Register.RAX && full <= Register.R15 ? full - Register.RAX : -1;
    }

    private static AbstractValue Get(MachineState s, Register r)
    {
        int i = Index(r);
        if (i < 0 || i == Rsp) return AbstractValue.Unknown;
        var v = s.Registers[i];
        // A narrower read of a bounded value is bounded; a narrower read of a pointer is not a pointer.
        return r.GetSize() == 8 ? v : v.IsBounded32 ? v : AbstractValue.Unknown;
    }

    private Violation Fail(ViolationKind kind, int at, string detail, string? text = null)
    {
        if (text is null && decoded.TryGetValue(at, out var ins)) text = ins.ToString();
        return new Violation(kind, name, at - start, at, text ?? "", detail);
    }
}
