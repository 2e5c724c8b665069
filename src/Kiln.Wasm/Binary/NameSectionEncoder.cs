using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>Writes a <see cref="NameSection"/> as the content of a "name" custom section (after its name):
/// subsections 0–2, present only when non-empty, maps sorted by index as the format requires.</summary>
public static class NameSectionEncoder
{
    public static void Write(WasmWriter w, NameSection names)
    {
        using var sub = new WasmWriter(256);
        if (names.ModuleName is { } moduleName)
        {
            sub.Clear();
            sub.WriteName(moduleName);
            WriteSubsection(w, NameSectionDecoder.ModuleSubsection, sub);
        }
        if (names.FunctionNames.Count > 0)
        {
            sub.Clear();
            WriteNameMap(sub, names.FunctionNames);
            WriteSubsection(w, NameSectionDecoder.FunctionSubsection, sub);
        }
        if (names.LocalNames.Count > 0)
        {
            sub.Clear();
            var funcs = names.LocalNames.Keys.ToArray();
            Array.Sort(funcs);
            sub.WriteU32((uint)funcs.Length);
            foreach (uint f in funcs)
            {
                sub.WriteU32(f);
                WriteNameMap(sub, names.LocalNames[f]);
            }
            WriteSubsection(w, NameSectionDecoder.LocalSubsection, sub);
        }
    }

    private static void WriteSubsection(WasmWriter w, byte id, WasmWriter content)
    {
        w.WriteByte(id);
        w.WriteSized(content.WrittenSpan);
    }

    private static void WriteNameMap(WasmWriter w, Dictionary<uint, string> map)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys);
        w.WriteU32((uint)keys.Length);
        foreach (uint k in keys)
        {
            w.WriteU32(k);
            w.WriteName(map[k]);
        }
    }
}
