using Kiln.Component.Binary;
using Kiln.Component.Wit;
using Kiln.Component.Wit.Decoding;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Wasm.Binary;

namespace Kiln.Component.Linking;

/// <summary>
/// The <c>component-type</c> custom sections of a core module: how <c>component embed</c> writes a world into a
/// module (wit-component's metadata form: a component with the <c>wit-component-encoding</c> section and one exported
/// component type wrapping the world) and how <c>component new</c> finds every such section (wit-bindgen names them
/// <c>component-type:…</c>, wasm-tools' embed plain <c>component-type</c>) and takes them out of the module.
/// </summary>
public static class ComponentTypeMetadata
{
    /// <summary>The name wasm-tools' <c>component embed</c> gives the section (jco embed writes the same).</summary>
    public const string SectionName = "component-type";

    public static bool IsMetadataSection(string name) =>
        name == SectionName || name.StartsWith(SectionName + ":", StringComparison.Ordinal);

    /// <summary>The section's payload for <paramref name="world"/>: its world package as a component binary.</summary>
    public static byte[] Encode(WitWorld world) => ComponentEncoder.Encode(WitEncoder.EncodeWorldPackage(world));

    /// <summary><paramref name="module"/> (binary) with <paramref name="world"/>'s type appended as a custom section.</summary>
    public static byte[] Embed(ReadOnlySpan<byte> module, WitWorld world)
    {
        CheckModuleHeader(module);
        var payload = Encode(world);
        var w = new WasmWriter();
        w.WriteBytes(module);
        var content = new WasmWriter();
        content.WriteName(SectionName);
        content.WriteBytes(payload);
        w.WriteByte(0);
        w.WriteU32((uint)content.Length);
        w.WriteBytes(content.ToArray());
        return w.ToArray();
    }

    /// <summary>A module's metadata sections (name and payload, in order) and the module without them.</summary>
    public static (List<(string Name, byte[] Payload)> Sections, byte[] Stripped) Extract(ReadOnlySpan<byte> module)
    {
        CheckModuleHeader(module);
        var found = new List<(string, byte[])>();
        var kept = new WasmWriter();
        kept.WriteBytes(module[..8]);
        int pos = 8;
        while (pos < module.Length)
        {
            int start = pos;
            byte id = module[pos++];
            uint size = ReadU32(module, ref pos);
            int end = pos + (int)size;
            if (size > int.MaxValue || end > module.Length)
                throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"section at offset 0x{start:x} runs past the end of the module");
            if (id == 0)
            {
                int p = pos;
                uint nameLen = ReadU32(module, ref p);
                if (p + nameLen > (uint)end)
                    throw new ComponentNewException(ComponentNewErrorKind.BadModule, $"custom section name at offset 0x{start:x} runs past its section");
                string name = System.Text.Encoding.UTF8.GetString(module.Slice(p, (int)nameLen));
                if (IsMetadataSection(name))
                {
                    found.Add((name, module[(p + (int)nameLen)..end].ToArray()));
                    pos = end;
                    continue;
                }
            }
            kept.WriteBytes(module[start..end]);
            pos = end;
        }
        return (found, kept.ToArray());
    }

    /// <summary>The world a metadata section carries, decoded to WIT (its package and the packages it uses).</summary>
    public static WitWorld DecodeWorld(string sectionName, byte[] payload)
    {
        try
        {
            var resolve = WitDecoder.Decode(payload);
            var main = resolve.Main ?? throw new ComponentNewException(ComponentNewErrorKind.BadMetadata, $"custom section `{sectionName}` carries no WIT package");
            if (main.Worlds.Count != 1)
                throw new ComponentNewException(ComponentNewErrorKind.BadMetadata,
                    $"custom section `{sectionName}` carries {main.Worlds.Count} worlds (expected exactly one)");
            return main.Worlds.GetAt(0).Value;
        }
        catch (KilnException e) when (e is not ComponentNewException)
        {
            throw new ComponentNewException(ComponentNewErrorKind.BadMetadata, $"custom section `{sectionName}`: {e.Message}", e);
        }
    }

    private static void CheckModuleHeader(ReadOnlySpan<byte> module)
    {
        if (module.Length < 8 || !module[..4].SequenceEqual("\0asm"u8) || module[4] != 1 || module[5] != 0 || module[6] != 0 || module[7] != 0)
            throw new ComponentNewException(ComponentNewErrorKind.BadModule, "not a core WebAssembly module (bad preamble)");
    }

    private static uint ReadU32(ReadOnlySpan<byte> b, ref int pos)
    {
        uint result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (pos >= b.Length) throw new ComponentNewException(ComponentNewErrorKind.BadModule, "unexpected end of module in a section header");
            byte x = b[pos++];
            result |= (uint)(x & 0x7f) << shift;
            if ((x & 0x80) == 0) return result;
        }
        throw new ComponentNewException(ComponentNewErrorKind.BadModule, "malformed LEB128 in a section header");
    }
}
