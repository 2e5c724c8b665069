using Kiln.Component.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Binary;

/// <summary>
/// Decodes a component binary (Binary.md) into a <see cref="WasmComponent"/>: its sections in order, nested
/// core modules through Kiln.Wasm's <see cref="ModuleDecoder"/> and nested components recursively. Everything
/// the binary grammar (as wasm-tools' wasmparser reads it) rules out is a <see cref="ComponentDecodeException"/>
/// carrying the offset in the outermost binary; index spaces and typing are left to the validator. Core module
/// bodies and custom section contents are slices of the input memory, so the input must stay unchanged while the
/// component is in use.
/// </summary>
public sealed partial class ComponentDecoder
{
    /// <summary>The component preamble: magic, version <c>0x0d 0x00</c>, layer <c>0x01 0x00</c>.</summary>
    public static ReadOnlySpan<byte> Preamble => [0x00, 0x61, 0x73, 0x6D, 0x0d, 0x00, 0x01, 0x00];

    private readonly ReadOnlyMemory<byte> _bytes;
    private int _depth;

    private ComponentDecoder(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    public static WasmComponent Decode(ReadOnlyMemory<byte> bytes) => new ComponentDecoder(bytes).ReadComponent(0, bytes.Length, nested: false);

    public static WasmComponent Decode(byte[] bytes) => Decode(new ReadOnlyMemory<byte>(bytes));

    /// <summary>Decodes the component occupying <paramref name="length"/> bytes at <paramref name="start"/>.</summary>
    private WasmComponent ReadComponent(int start, int length, bool nested)
    {
        if (++_depth > ComponentLimits.MaxNesting) throw ComponentReader.ErrorAt("components nested too deeply", start);
        var r = new ComponentReader(_bytes.Span.Slice(start, length), start);
        ReadHeader(ref r, expectComponent: true);
        var c = new WasmComponent();
        bool sawStart = false;
        while (!r.AtEnd)
        {
            int idAt = r.Offset;
            byte id = r.ReadByte();
            if (id > (byte)ComponentSectionId.Value) throw ComponentReader.ErrorAt("malformed section id", idAt);
            int sizeAt = r.Offset;
            uint size = r.ReadU32();
            if (size > (uint)r.Remaining)
                throw nested
                    ? ComponentReader.ErrorAt($"section too large, {size} goes past 0x{start + length:x}", sizeAt)
                    : r.Eof();
            int bodyAt = r.Offset;
            r.Position += (int)size;
            var s = new ComponentReader(_bytes.Span.Slice(bodyAt, (int)size), bodyAt);
            var id2 = (ComponentSectionId)id;
            if (id2 == ComponentSectionId.Start)
            {
                if (sawStart) throw ComponentReader.ErrorAt("component cannot have more than one start function", bodyAt);
                sawStart = true;
            }
            var section = ReadSection(id2, ref s, c);
            if (!s.AtEnd) throw s.Error("section size mismatch: unexpected data at the end of the section");
            c.Sections.Add(section);
        }
        _depth--;
        return c;
    }

    /// <summary>Checks the 8-byte preamble of a component or, nested in a component, of a core module.</summary>
    private static void ReadHeader(ref ComponentReader r, bool expectComponent)
    {
        int at = r.Offset;
        if (r.Remaining < 4) throw r.Eof();
        var magic = r.ReadBytes(4);
        if (!magic.SequenceEqual(Preamble[..4])) throw ComponentReader.ErrorAt("magic header not detected: bad magic number", at);
        if (r.Remaining < 4) throw r.Eof();
        var v = r.ReadBytes(4);
        uint version = (uint)(v[0] | v[1] << 8 | v[2] << 16 | v[3] << 24);
        bool isModule = version == 0x0000_0001;
        bool isComponent = version == 0x0001_000d;
        if (!isModule && !isComponent) throw ComponentReader.ErrorAt($"unknown binary version: 0x{version:x8}", at + 4);
        if (expectComponent && isModule) throw ComponentReader.ErrorAt("expected a version header for a component", at + 8);
        if (!expectComponent && isComponent) throw ComponentReader.ErrorAt("expected a version header for a module", at + 8);
    }

    private ComponentSection ReadSection(ComponentSectionId id, ref ComponentReader r, WasmComponent c)
    {
        int at = r.Offset;
        switch (id)
        {
            case ComponentSectionId.Custom: return ReadCustom(ref r, c);
            case ComponentSectionId.CoreModule: return ReadCoreModule(ref r);
            case ComponentSectionId.Component:
            {
                int len = r.Remaining;
                var nested = ReadComponent(r.Offset, len, nested: true);
                r.Position += len;
                return new NestedComponentSection(nested) { Offset = at };
            }
            case ComponentSectionId.CoreInstance: return ReadVector(ref r, new CoreInstanceSection { Offset = at }, ReadCoreInstance);
            case ComponentSectionId.CoreType: return ReadVector(ref r, new CoreTypeSection { Offset = at }, ReadCoreType);
            case ComponentSectionId.Instance: return ReadVector(ref r, new InstanceSection { Offset = at }, ReadInstance);
            case ComponentSectionId.Alias: return ReadVector(ref r, new AliasSection { Offset = at }, ReadAlias);
            case ComponentSectionId.Type: return ReadVector(ref r, new TypeSection { Offset = at }, ReadType);
            case ComponentSectionId.Canon: return ReadVector(ref r, new CanonSection { Offset = at }, ReadCanon);
            case ComponentSectionId.Start: return new StartSection(ReadStart(ref r)) { Offset = at };
            case ComponentSectionId.Import: return ReadVector(ref r, new ImportSection { Offset = at }, ReadImport);
            case ComponentSectionId.Export: return ReadVector(ref r, new ExportSection { Offset = at }, ReadExport);
            case ComponentSectionId.Value: return ReadVector(ref r, new ValueSection { Offset = at }, ReadValue);
            default: throw ComponentReader.ErrorAt("malformed section id", at - 1);
        }
    }

    private delegate T ItemReader<T>(ref ComponentReader r);

    private static TSection ReadVector<TSection, T>(ref ComponentReader r, TSection section, ItemReader<T> read)
        where TSection : ItemSection<T>
    {
        int n = r.ReadCount();
        section.Items.EnsureCapacity(n);
        for (int i = 0; i < n; i++) section.Items.Add(read(ref r));
        return section;
    }

    private CustomComponentSection ReadCustom(ref ComponentReader r, WasmComponent c)
    {
        int at = r.Offset;
        string name = r.ReadString();
        var content = _bytes.Slice(r.Offset, r.Remaining);
        r.Position += r.Remaining;
        // Names are best effort (Binary.md "Name Section"): a malformed one stays a plain custom section.
        if (name == ComponentNameSection.SectionName && c.Names is null)
            c.Names = ComponentNameSection.TryDecode(content.Span);
        return new CustomComponentSection(new CustomSection(name, content, 0)) { Offset = at - 1 };
    }

    private CoreModuleSection ReadCoreModule(ref ComponentReader r)
    {
        int at = r.Offset;
        int len = r.Remaining;
        var header = new ComponentReader(r.Data[r.Position..], at);
        ReadHeader(ref header, expectComponent: false);
        var bytes = _bytes.Slice(at, len);
        r.Position += len;
        WasmModule module;
        try
        {
            module = ModuleDecoder.Decode(bytes);
        }
        catch (WasmDecodeException e)
        {
            // The core decoder counts from the module's first byte; errors name places in the outer binary.
            throw new ComponentDecodeException(e.Reason, at + e.Offset, e);
        }
        return new CoreModuleSection(module, bytes) { Offset = at };
    }

    private static ComponentStart ReadStart(ref ComponentReader r)
    {
        int at = r.Offset;
        uint func = r.ReadU32();
        int n = r.ReadSize(ComponentLimits.StartArgs, "start function arguments");
        var args = new uint[n];
        for (int i = 0; i < n; i++) args[i] = r.ReadU32();
        uint results = (uint)r.ReadSize(ComponentLimits.FunctionReturns, "start function results", itemsFollow: false);
        return new ComponentStart(func, args, results) { Offset = at };
    }

    private ComponentValue ReadValue(ref ComponentReader r)
    {
        int at = r.Offset;
        var type = ReadValType(ref r);
        uint len = r.ReadU32();
        if (len > (uint)r.Remaining) throw r.Eof();
        var bytes = _bytes.Slice(r.Offset, (int)len);
        r.Position += (int)len;
        return new ComponentValue(type, bytes) { Offset = at };
    }
}
