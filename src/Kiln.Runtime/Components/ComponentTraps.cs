namespace Kiln.Runtime.Components;

/// <summary>Traps of the component model, worded as Wasmtime words them (the reference tests match the text).</summary>
internal static class ComponentTraps
{
    /// <summary>A canonical ABI check failed: <paramref name="message"/> says which.</summary>
    public static Trap Abi(string message) => new(TrapCode.ComponentAbi, message, null, []);

    public static Trap CannotEnter() => new(TrapCode.CannotEnterComponent);
    public static Trap CannotLeave() => new(TrapCode.CannotLeaveComponent);
}

