using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>
/// Decodes the "name" custom section (module, function and local names). Engines treat debug names as
/// optional, so a malformed section yields null instead of an error; unknown subsections (the extended name
/// section's labels, types, …) are skipped.
/// </summary>
public static class NameSectionDecoder
{
    public const string SectionName = "name";

    public const byte ModuleSubsection = 0, FunctionSubsection = 1, LocalSubsection = 2;

    /// <summary>The names in <paramref name="content"/> (the section after its name), or null when malformed.</summary>
    public static NameSection? TryDecode(ReadOnlySpan<byte> content)
    {
        try
        {
            return Decode(content);
        }
        catch (WasmDecodeException)
        {
            return null;
        }
    }

    private static NameSection Decode(ReadOnlySpan<byte> content)
    {
        var names = new NameSection();
        var r = new WasmReader(content);
        int lastId = -1;
        while (!r.AtEnd)
        {
            byte id = r.ReadByte();
            // Subsections come at most once, in increasing order.
            if (id <= lastId) throw r.Error("out-of-order name subsection");
            lastId = id;
            int size = r.ReadCount();
            var sub = new WasmReader(r.ReadBytes(size));
            switch (id)
            {
                case ModuleSubsection:
                    names.ModuleName = sub.ReadName();
                    break;
                case FunctionSubsection:
                    ReadNameMap(ref sub, names.FunctionNames);
                    break;
                case LocalSubsection:
                    {
                        int n = sub.ReadCount(2);
                        for (int i = 0; i < n; i++)
                        {
                            uint func = sub.ReadU32();
                            var map = new Dictionary<uint, string>();
                            ReadNameMap(ref sub, map);
                            if (!names.LocalNames.TryAdd(func, map)) throw sub.Error("duplicate function in local names");
                        }
                        break;
                    }
                default:
                    sub.Position = sub.Length;
                    break;
            }
            if (!sub.AtEnd) throw sub.Error("name subsection size mismatch");
        }
        return names;
    }

    private static void ReadNameMap(ref WasmReader r, Dictionary<uint, string> map)
    {
        int n = r.ReadCount(2); // index and name length
        for (int i = 0; i < n; i++)
        {
            uint index = r.ReadU32();
            string name = r.ReadName();
            if (!map.TryAdd(index, name)) throw r.Error("duplicate name map index");
        }
    }
}
