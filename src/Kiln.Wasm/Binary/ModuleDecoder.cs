using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>
/// Decodes a WebAssembly 2.0 binary module into a <see cref="Module"/>. Function bodies, constant expressions,
/// data and custom section contents are slices of the input memory, not copies, so the input must stay
/// unchanged while the module is in use. Everything the binary grammar rules out is rejected here with a
/// <see cref="WasmDecodeException"/> carrying the byte offset; typing is left to the validator.
/// </summary>
public sealed partial class ModuleDecoder
{
    /// <summary>Most locals one function may declare (besides its parameters). The spec only bounds the sum by
    /// 2^32-1; like wasmparser we refuse more than this so later stages can size arrays by it.</summary>
    public const int MaxLocals = 50_000;

    /// <summary>The message for running out of bytes inside a known section or a function body.</summary>
    internal const string UnexpectedEndOfSection = "unexpected end of section or function";

    private static ReadOnlySpan<byte> Magic => [0x00, 0x61, 0x73, 0x6D];
    private static ReadOnlySpan<byte> Version => [0x01, 0x00, 0x00, 0x00];

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly WasmFeatures _features;
    private readonly WasmModule _m = new();
    private readonly ExpressionScanner _scanner;

    private readonly bool _trustedBodies;

    private ModuleDecoder(ReadOnlyMemory<byte> bytes, WasmFeatures features, bool trustedBodies = false)
    {
        _bytes = bytes;
        _features = features;
        _scanner = new ExpressionScanner(features);
        _trustedBodies = trustedBodies;
    }

    /// <summary>
    /// Decodes a module this Kiln build encoded itself from a module it had decoded and validated (the module
    /// section of an artifact, whose digest vouches for the bytes): everything is decoded as by
    /// <see cref="Decode(ReadOnlyMemory{byte}, WasmFeatures)"/> except that function bodies are taken as they are,
    /// without the instruction-by-instruction scan for a well-formed body (most of the decoding time of a large
    /// module). Never for bytes from anywhere else: a malformed body would surface only when compiled or run.
    /// </summary>
    public static WasmModule DecodeTrusted(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        var d = new ModuleDecoder(bytes, features, trustedBodies: true);
        d.Run();
        return d._m;
    }

    public static WasmModule Decode(ReadOnlyMemory<byte> bytes) => Decode(bytes, WasmFeatures.Default);

    /// <summary>Decodes with the grammar of <paramref name="features"/> (Wasm 2.0 plus the proposals named).</summary>
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        var d = new ModuleDecoder(bytes, features);
        d.Run();
        return d._m;
    }

    public static WasmModule Decode(byte[] bytes) => Decode(new ReadOnlyMemory<byte>(bytes));

    private void Run()
    {
        var r = new WasmReader(_bytes.Span);
        // Fewer than four bytes is truncation whatever they are, as the reference interpreter reads a whole word first.
        if (!r.ReadBytes(4).SequenceEqual(Magic)) throw r.Error("magic header not detected", 0);
        int versionAt = r.Position;
        if (!r.ReadBytes(4).SequenceEqual(Version)) throw r.Error("unknown binary version", versionAt);

        int lastRank = 0;
        byte lastId = 0;
        while (!r.AtEnd)
        {
            int idAt = r.Position;
            byte id = r.ReadByte();
            if (id > SectionOrder.MaxId) throw r.Error("malformed section id", idAt);
            int sizeAt = r.Position;
            uint size = r.ReadU32();
            if (size > (uint)r.Remaining) throw r.Error("length out of bounds", sizeAt);
            int start = r.Position;
            r.Position = start + (int)size;
            var section = new WasmReader(_bytes.Span.Slice(start, (int)size), start);

            if (id == (byte)SectionId.Custom)
            {
                ReadCustomSection(ref section, lastId);
                continue;
            }
            int rank = SectionOrder.Rank(id);
            if (rank <= lastRank) throw r.Error("unexpected content after last section", idAt);
            lastRank = rank;
            lastId = id;
            try
            {
                ReadSection((SectionId)id, ref section);
            }
            catch (WasmDecodeException e) when (e.Reason == "unexpected end")
            {
                // Inside a known section the spec suite words truncation this way.
                throw new WasmDecodeException(UnexpectedEndOfSection, e.Offset);
            }
            if (!section.AtEnd) throw section.Error("section size mismatch");
        }

        if (_m.Functions.Count != _m.Codes.Count)
            throw r.Error("function and code section have inconsistent lengths");
        if (_m.DataCount is { } dc && dc != (uint)_m.Data.Count)
            throw r.Error("data count and data section have inconsistent lengths");
    }

    private void ReadSection(SectionId id, ref WasmReader r)
    {
        switch (id)
        {
            case SectionId.Type: ReadTypeSection(ref r); break;
            case SectionId.Import: ReadImportSection(ref r); break;
            case SectionId.Function: ReadFunctionSection(ref r); break;
            case SectionId.Table: ReadTableSection(ref r); break;
            case SectionId.Memory: ReadMemorySection(ref r); break;
            case SectionId.Tag: ReadTagSection(ref r); break;
            case SectionId.Global: ReadGlobalSection(ref r); break;
            case SectionId.Export: ReadExportSection(ref r); break;
            case SectionId.Start: _m.Start = r.ReadU32(); break;
            case SectionId.Element: ReadElementSection(ref r); break;
            case SectionId.DataCount: _m.DataCount = r.ReadU32(); break;
            case SectionId.Code: ReadCodeSection(ref r); break;
            case SectionId.Data: ReadDataSection(ref r); break;
            default: throw new InvalidOperationException($"unhandled section {id}");
        }
    }

    private void ReadCustomSection(ref WasmReader r, byte after)
    {
        string name = r.ReadName();
        var content = Slice(r, r.Remaining);
        r.Position = r.Length;
        _m.CustomSections.Add(new CustomSection(name, content, after));
        // Debug names are best effort: a malformed name section leaves Names null but never fails the module.
        if (name == NameSectionDecoder.SectionName && _m.Names is null) _m.Names = NameSectionDecoder.TryDecode(content.Span);
    }

    /// <summary>Memory slice for <paramref name="length"/> bytes at the reader's current position.</summary>
    private ReadOnlyMemory<byte> Slice(in WasmReader r, int length) => _bytes.Slice(r.Offset, length);

    /// <summary>Reads a constant expression (instructions through the closing end) without interpreting it.</summary>
    private ConstExpr ReadConstExpr(ref WasmReader r)
    {
        int at = r.Offset;
        int len = _scanner.Scan(r.Data[r.Position..], at, UnexpectedEndOfSection);
        r.Position += len;
        return new ConstExpr(_bytes.Slice(at, len), at);
    }
}
