using System.Globalization;
using System.Text;
using Kiln.Compiler.Driver;
using Kiln.Compiler.Traps;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// The <c>kiln objdump</c> listing: every function and trampoline of a linked blob under its name, one instruction
/// a line with its blob offset, bytes, the target's assembly syntax, the wasm byte offset it comes from (source map) and, for a
/// trapping instruction, the trap it raises.
/// </summary>
public static class ArtifactListing
{
    public static string Print(CompiledModule compiled, EngineCompatibility? compatibility = null)
    {
        var sb = new StringBuilder();
        if (compatibility is not null)
            sb.Append("; ").Append(compatibility).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"; {compiled.Code.Length} bytes of code, {compiled.Ranges.Length} functions and trampolines, {compiled.TrapSites.Length} trap sites\n");
        sb.Append("; wasm@X: byte offset X in the module binary (section .kiln.wasm; 'kiln wasm2wat --offsets' shows it)\n");

        int trap = 0, loc = 0;
        foreach (var r in compiled.Ranges)
        {
            string kind = r.Kind switch
            {
                CodeRangeKind.Function => $"function {r.Index}",
                CodeRangeKind.EntryTrampoline => $"entry trampoline, type {r.Index}",
                _ => $"host trampoline, type {r.Index}",
            };
            sb.Append(CultureInfo.InvariantCulture, $"\n{r.Start:x8} <{r.Name}>: ; {kind}, {r.Length} bytes\n");
            int lastWasm = int.MinValue;
            foreach (var inst in compiled.Target.Disassemble(compiled.Code, r.Start, r.Length, r.Start, pcRelativeAsTarget: false))
            {
                int at = (int)inst.Address;
                // Jump tables sit inside the function after its code; stop at the first byte that is not code.
                if (inst.IsInvalid)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  {at:x8}:  ({r.Start + r.Length - at} bytes of data)\n");
                    break;
                }
                while (loc < compiled.SourceMap.Length - 1 && compiled.SourceMap[loc + 1].Offset <= at) loc++;
                int wasm = loc < compiled.SourceMap.Length && compiled.SourceMap[loc].Offset <= at && compiled.SourceMap[loc].Offset >= r.Start
                    ? compiled.SourceMap[loc].WasmOffset : -1;
                string text = inst.Text;
                string bytes = Convert.ToHexString(compiled.Code, at, inst.Length).ToLowerInvariant();
                string origin = wasm < 0 ? "" : wasm == lastWasm ? "       |" : $"wasm@{wasm:x}".PadLeft(8);
                if (wasm >= 0) lastWasm = wasm;
                sb.Append(CultureInfo.InvariantCulture, $"  {at:x8}: {origin,-10} {bytes,-22} {text}");
                while (trap < compiled.TrapSites.Length && compiled.TrapSites[trap].Offset < at) trap++;
                for (int t = trap; t < compiled.TrapSites.Length && compiled.TrapSites[t].Offset == at; t++)
                    sb.Append(new string(' ', Math.Max(1, 40 - text.Length))).Append("; trap: ").Append(WasmTraps.Name(compiled.TrapSites[t].Code));
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}
