using System.Globalization;

namespace Kiln.Runtime.Tests.Api;

/// <summary>The process's mappings from /proc/self/maps, to check protections of reserved memory.</summary>
internal static class ProcMaps
{
    public readonly record struct Mapping(ulong Start, ulong End, string Protection);

    public static List<Mapping> Read()
    {
        var result = new List<Mapping>();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 3);
            var range = fields[0].Split('-');
            result.Add(new Mapping(
                ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields[1][..2]));
        }
        return result;
    }

    /// <summary>"rw", "r-", "--" etc. for the mapping holding <paramref name="address"/>; "unmapped" if none.</summary>
    public static string ProtectionAt(IEnumerable<Mapping> maps, ulong address) =>
        maps.FirstOrDefault(m => m.Start <= address && address < m.End) is { End: > 0 } m ? m.Protection : "unmapped";

    public static bool IsMapped(ulong address) => ProtectionAt(Read(), address) != "unmapped";
}
