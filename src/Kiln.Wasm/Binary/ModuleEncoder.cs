using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>
/// Writes a <see cref="Module"/> as a WebAssembly 2.0 binary.
/// <list type="bullet">
/// <item>Known sections go in canonical order; a section is written when it has content, or when a custom section
/// was recorded right after it (so an empty section read from a binary comes back and custom placement survives).</item>
/// <item>Custom sections go back after the known section recorded in <see cref="CustomSection.After"/>, in list order.</item>
/// <item>Element segments use their recorded encoding when it still fits, else the smallest that does.</item>
/// <item>The data count section is written exactly when <see cref="Module.DataCount"/> is set: producers that use
/// memory.init or data.drop must set it.</item>
/// <item>Names: a kept "name" custom section is written verbatim (it is what <see cref="Module.Names"/> was decoded
/// from); otherwise, when <see cref="Module.Names"/> is set, a name section is generated from it and written last.</item>
/// </list>
/// </summary>
public static class ModuleEncoder
{
    public static byte[] Encode(WasmModule module)
    {
        using var output = new WasmWriter(4096);
        using var content = new WasmWriter(1024);
        output.WriteBytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);

        WriteCustomSections(output, module, after: 0);
        foreach (byte id in SectionOrder.Canonical)
        {
            if (HasContent(module, (SectionId)id) || AnchorsCustomSection(module, id))
            {
                content.Clear();
                if (WriteSectionContent(content, module, (SectionId)id))
                {
                    output.WriteByte(id);
                    output.WriteSized(content.WrittenSpan);
                }
            }
            WriteCustomSections(output, module, id);
        }

        if (module.Names is { } names && !HasCustomSection(module, NameSectionDecoder.SectionName))
        {
            content.Clear();
            content.WriteName(NameSectionDecoder.SectionName);
            NameSectionEncoder.Write(content, names);
            output.WriteByte((byte)SectionId.Custom);
            output.WriteSized(content.WrittenSpan);
        }
        return output.ToArray();
    }

    private static bool HasContent(WasmModule m, SectionId id) => id switch
    {
        SectionId.Type => m.Types.Count > 0,
        SectionId.Import => m.Imports.Count > 0,
        SectionId.Function => m.Functions.Count > 0,
        SectionId.Table => m.Tables.Count > 0,
        SectionId.Memory => m.Memories.Count > 0,
        SectionId.Tag => m.Tags.Count > 0,
        SectionId.Global => m.Globals.Count > 0,
        SectionId.Export => m.Exports.Count > 0,
        SectionId.Start => m.Start.HasValue,
        SectionId.Element => m.Elements.Count > 0,
        SectionId.DataCount => m.DataCount.HasValue,
        SectionId.Code => m.Codes.Count > 0,
        SectionId.Data => m.Data.Count > 0,
        _ => false,
    };

    private static bool AnchorsCustomSection(WasmModule m, byte id)
    {
        foreach (var c in m.CustomSections)
            if (c.After == id) return true;
        return false;
    }

    private static bool HasCustomSection(WasmModule m, string name)
    {
        foreach (var c in m.CustomSections)
            if (c.Name == name) return true;
        return false;
    }

    private static void WriteCustomSections(WasmWriter output, WasmModule m, byte after)
    {
        foreach (var c in m.CustomSections)
        {
            if (c.After != after) continue;
            using var content = new WasmWriter(c.Content.Length + c.Name.Length + 8);
            content.WriteName(c.Name);
            content.WriteBytes(c.Content.Span);
            output.WriteByte((byte)SectionId.Custom);
            output.WriteSized(content.WrittenSpan);
        }
    }

    /// <summary>Writes one known section's content; false when the section cannot be written empty (start, data count).</summary>
    private static bool WriteSectionContent(WasmWriter w, WasmModule m, SectionId id)
    {
        switch (id)
        {
            case SectionId.Type:
                w.WriteU32((uint)m.Types.Count);
                foreach (var t in m.Types)
                {
                    w.WriteByte(0x60);
                    WriteValTypes(w, t.Params);
                    WriteValTypes(w, t.Results);
                }
                return true;
            case SectionId.Import:
                w.WriteU32((uint)m.Imports.Count);
                foreach (var i in m.Imports) WriteImport(w, i);
                return true;
            case SectionId.Function:
                w.WriteU32((uint)m.Functions.Count);
                foreach (uint f in m.Functions) w.WriteU32(f);
                return true;
            case SectionId.Table:
                w.WriteU32((uint)m.Tables.Count);
                foreach (var t in m.Tables) WriteTableType(w, t);
                return true;
            case SectionId.Memory:
                w.WriteU32((uint)m.Memories.Count);
                foreach (var mem in m.Memories) WriteMemoryType(w, mem);
                return true;
            case SectionId.Tag:
                w.WriteU32((uint)m.Tags.Count);
                foreach (uint t in m.Tags) WriteTagType(w, t);
                return true;
            case SectionId.Global:
                w.WriteU32((uint)m.Globals.Count);
                foreach (var g in m.Globals)
                {
                    WriteGlobalType(w, g.Type);
                    w.WriteBytes(g.Init.Code.Span);
                }
                return true;
            case SectionId.Export:
                w.WriteU32((uint)m.Exports.Count);
                foreach (var e in m.Exports)
                {
                    w.WriteName(e.Name);
                    w.WriteByte((byte)e.Kind);
                    w.WriteU32(e.Index);
                }
                return true;
            case SectionId.Start:
                if (m.Start is not { } start) return false;
                w.WriteU32(start);
                return true;
            case SectionId.Element:
                w.WriteU32((uint)m.Elements.Count);
                foreach (var e in m.Elements) WriteElementSegment(w, e);
                return true;
            case SectionId.DataCount:
                if (m.DataCount is not { } dc) return false;
                w.WriteU32(dc);
                return true;
            case SectionId.Code:
                WriteCodeSection(w, m);
                return true;
            case SectionId.Data:
                w.WriteU32((uint)m.Data.Count);
                foreach (var d in m.Data) WriteDataSegment(w, d);
                return true;
            default:
                return false;
        }
    }

    private static void WriteValTypes(WasmWriter w, ValType[] types)
    {
        w.WriteU32((uint)types.Length);
        foreach (var t in types) w.WriteByte((byte)t);
    }

    private static void WriteLimits(WasmWriter w, Limits l)
    {
        w.WriteByte(l.Max.HasValue ? (byte)1 : (byte)0);
        w.WriteU64(l.Min);
        if (l.Max is { } max) w.WriteU64(max);
    }

    /// <summary>Limits with the threads proposal's shared bit (flag 0x02) when the memory is shared.</summary>
    private static void WriteMemoryType(WasmWriter w, MemoryType m)
    {
        if (!m.Shared)
        {
            WriteLimits(w, m.Limits);
            return;
        }
        w.WriteByte(m.Limits.Max.HasValue ? (byte)3 : (byte)2);
        w.WriteU64(m.Limits.Min);
        if (m.Limits.Max is { } max) w.WriteU64(max);
    }

    private static void WriteTableType(WasmWriter w, TableType t)
    {
        w.WriteByte((byte)t.ElementType);
        WriteLimits(w, t.Limits);
    }

    private static void WriteGlobalType(WasmWriter w, GlobalType g)
    {
        w.WriteByte((byte)g.ValueType);
        w.WriteByte(g.Mutable ? (byte)1 : (byte)0);
    }

    private static void WriteImport(WasmWriter w, Import i)
    {
        w.WriteName(i.ModuleName);
        w.WriteName(i.Name);
        w.WriteByte((byte)i.Kind);
        switch (i.Kind)
        {
            case ExternalKind.Func: w.WriteU32(i.FuncTypeIndex); break;
            case ExternalKind.Table: WriteTableType(w, i.Table); break;
            case ExternalKind.Memory: WriteMemoryType(w, i.Memory); break;
            case ExternalKind.Tag: WriteTagType(w, i.FuncTypeIndex); break;
            default: WriteGlobalType(w, i.Global); break;
        }
    }

    // A tag type: the exception attribute (0) and a function type index.
    private static void WriteTagType(WasmWriter w, uint typeIndex)
    {
        w.WriteByte(0);
        w.WriteU32(typeIndex);
    }

    private static void WriteElementSegment(WasmWriter w, ElementSegment e)
    {
        int form = ElementEncoding.Choose(e);
        w.WriteU32((uint)form);
        if (e.Mode == SegmentMode.Active)
        {
            if ((form & 2) != 0) w.WriteU32(e.TableIndex);
            w.WriteBytes(e.Offset!.Code.Span);
        }
        if ((form & 3) != 0) w.WriteByte((form & 4) != 0 ? (byte)e.ElementType : (byte)0x00);
        if (e.Expressions is { } exprs)
        {
            w.WriteU32((uint)exprs.Length);
            foreach (var x in exprs) w.WriteBytes(x.Code.Span);
        }
        else
        {
            var indices = e.FunctionIndices!;
            w.WriteU32((uint)indices.Length);
            foreach (uint f in indices) w.WriteU32(f);
        }
    }

    private static void WriteCodeSection(WasmWriter w, WasmModule m)
    {
        w.WriteU32((uint)m.Codes.Count);
        using var body = new WasmWriter(256);
        foreach (var c in m.Codes)
        {
            body.Clear();
            body.WriteU32((uint)c.Locals.Length);
            foreach (var g in c.Locals)
            {
                body.WriteU32(g.Count);
                body.WriteByte((byte)g.Type);
            }
            body.WriteBytes(c.Code.Span);
            w.WriteSized(body.WrittenSpan);
        }
    }

    private static void WriteDataSegment(WasmWriter w, DataSegment d)
    {
        if (d.Mode == SegmentMode.Passive)
        {
            w.WriteByte(1);
        }
        else
        {
            if (d.MemoryIndex == 0)
            {
                w.WriteByte(0);
            }
            else
            {
                w.WriteByte(2);
                w.WriteU32(d.MemoryIndex);
            }
            w.WriteBytes(d.Offset!.Code.Span);
        }
        w.WriteSized(d.Data.Span);
    }
}
