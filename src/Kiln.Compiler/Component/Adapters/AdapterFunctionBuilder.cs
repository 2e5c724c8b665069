using Kiln.Compiler.VmContext;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// The body of one adapter function being generated: its instruction stream, its locals past the parameters,
/// and the few idioms every adapter uses (trap through the trap builtin, test and flip a flags global).
/// </summary>
public sealed class AdapterFunctionBuilder : IDisposable
{
    private readonly WasmWriter _writer = new();
    private readonly List<ValType> _locals = [];
    private readonly int _paramCount;
    private readonly uint _trapFunc;

    public AdapterFunctionBuilder(int paramCount, uint trapFunc)
    {
        _paramCount = paramCount;
        _trapFunc = trapFunc;
        Code = new CodeWriter(_writer);
    }

    public CodeWriter Code { get; }

    /// <summary>A fresh local of type <paramref name="t"/>.</summary>
    public uint Temp(ValType t)
    {
        _locals.Add(t);
        return (uint)(_paramCount + _locals.Count - 1);
    }

    /// <summary>Consumes an i32 condition; traps with <paramref name="trap"/> when it is nonzero.</summary>
    public void TrapIf(AdapterTrap trap)
    {
        Code.Block(Opcode.If, BlockType.Empty);
        Code.I32Const((int)trap);
        Code.Emit(Opcode.Call, _trapFunc);
        Code.Emit(Opcode.Unreachable);
        Code.End();
    }

    /// <summary>Traps with <paramref name="trap"/> unless <paramref name="flag"/> is set in flags global <paramref name="global"/>.</summary>
    public void TrapUnlessFlag(uint global, int flag, AdapterTrap trap)
    {
        Code.Emit(Opcode.GlobalGet, global);
        Code.I32Const(flag);
        Code.Emit(Opcode.I32And);
        Code.Emit(Opcode.I32Eqz);
        TrapIf(trap);
    }

    public void SetFlag(uint global, int flag, bool on)
    {
        Code.Emit(Opcode.GlobalGet, global);
        Code.I32Const(on ? flag : ~flag);
        Code.Emit(on ? Opcode.I32Or : Opcode.I32And);
        Code.Emit(Opcode.GlobalSet, global);
    }

    public static int MayLeave => VmComponentContextLayout.FlagMayLeave;
    public static int MayEnter => VmComponentContextLayout.FlagMayEnter;

    /// <summary>Ends the body and returns it.</summary>
    public FunctionBody Finish()
    {
        Code.End();
        var groups = new LocalGroup[_locals.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = new LocalGroup(1, _locals[i]);
        return new FunctionBody { Locals = groups, Code = _writer.ToArray() };
    }

    public void Dispose() => _writer.Dispose();
}
