using Kiln.IR;

namespace Kiln.Compiler.Traps;

/// <summary>Conversions between <see cref="WasmTrap"/> and IR trap codes, and the traps' text names.</summary>
public static class WasmTraps
{
    private static readonly string?[] Names = BuildNames();

    /// <summary>The IR code the translator puts on an instruction for <paramref name="trap"/>.</summary>
    public static TrapCode Code(this WasmTrap trap)
    {
        if (!TrapCode.TryFromRaw((byte)trap, out var code) || Names[(byte)trap] is null)
            throw new ArgumentOutOfRangeException(nameof(trap), trap, "not a WebAssembly trap");
        return code;
    }

    /// <summary>The trap an IR code (from a trap table) stands for, or false for a code Kiln never emits.</summary>
    public static bool TryFromRaw(uint raw, out WasmTrap trap)
    {
        trap = raw < (uint)Names.Length ? (WasmTrap)raw : WasmTrap.None;
        return raw < (uint)Names.Length && raw != 0 && Names[raw] is not null;
    }

    public static WasmTrap FromCode(TrapCode code) =>
        TryFromRaw(code.Raw, out var trap) ? trap : throw new ArgumentOutOfRangeException(nameof(code), code, "not a WebAssembly trap");

    /// <summary>Snake-case name (<c>heap_out_of_bounds</c>, <c>bad_signature</c>), as listings print it.</summary>
    public static string Name(this WasmTrap trap) => Names[(byte)trap] ?? $"trap code {(byte)trap}";

    /// <summary>The name of the wasm trap an IR code stands for (the IR's own name for codes Kiln never emits).</summary>
    public static string Name(TrapCode code) => TryFromRaw(code.Raw, out var t) || code == TrapCode.None ? Name(t) : code.Name();

    private static string?[] BuildNames()
    {
        var names = new string?[256];
        foreach (var t in Enum.GetValues<WasmTrap>())
        {
            var s = new System.Text.StringBuilder();
            foreach (char c in t.ToString())
            {
                if (char.IsUpper(c) && s.Length > 0) s.Append('_');
                s.Append(char.ToLowerInvariant(c));
            }
            names[(byte)t] = t == WasmTrap.None ? "notrap" : s.ToString();
        }
        return names;
    }
}
