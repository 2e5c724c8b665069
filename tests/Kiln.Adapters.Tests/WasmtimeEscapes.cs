using System.Globalization;
using System.Text;

namespace Kiln.Adapters.Tests;

/// <summary>
/// What escape.c prints when a preview1 adapter runs it on Wasmtime's WASI 0.2 host. escape.expected is what
/// Kiln's preview1 host answers: ENOTCAPABLE (76) for every escape. WASI 0.2's error-code has no "not capable":
/// Wasmtime (cap-std) reports a path that leads out of the preopen as `not-permitted`, which preview1 calls EPERM
/// (63), through its own preview1 layer as through any adapter (jco's maps it so too). So every escape still
/// fails, as EPERM. Paths under no preopen fail in wasi-libc before any call, with ENOTCAPABLE still. And cap-std
/// also refuses to read back a symlink whose target is absolute, so that readlink fails where Kiln's host returns
/// the target text. Every other line (the ELOOP of the loop, what succeeds) is unchanged.
/// </summary>
public static class WasmtimeEscapes
{
    public const int NotCapable = 76;
    public const int NotPermitted = 63;

    /// <summary>Lines of escape.c that wasi-libc refuses itself (the path is under no preopen).</summary>
    private const string RefusedByLibc = "open /etc/passwd ";

    private const string ReadlinkAbsolute = "readlink /sandbox/abs ";

    public static byte[] Expected(byte[] preview1Expected)
    {
        var lines = Encoding.UTF8.GetString(preview1Expected).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith(ReadlinkAbsolute, StringComparison.Ordinal))
                lines[i] = line[..line.LastIndexOf(' ')] + " failed";
            else if (!line.StartsWith(RefusedByLibc, StringComparison.Ordinal) &&
                     line.EndsWith("errno " + NotCapable.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                lines[i] = line[..^2] + NotPermitted.ToString(CultureInfo.InvariantCulture);
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
