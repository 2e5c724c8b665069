using Kiln.Component.Model;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Component.Binary;

/// <summary>
/// Writes a <see cref="WasmComponent"/> as a component binary, section by section in model order (order is
/// meaning). A core module is written from its original <see cref="CoreModuleSection.Bytes"/> when it has them,
/// else by Kiln.Wasm's <see cref="ModuleEncoder"/>; custom sections verbatim; a <c>component-name</c> section is
/// generated from <see cref="WasmComponent.Names"/> (and written last) only when no such custom section is kept.
/// A decoded binary re-encodes to the same bytes, provided it used minimal LEB128s and listed name attributes in
/// the order implements, versionsuffix, external-id (as wasm-tools writes them).
/// </summary>
public static partial class ComponentEncoder
{
    public static byte[] Encode(WasmComponent component)
    {
        using var w = new WasmWriter(4096);
        WriteComponent(w, component);
        return w.ToArray();
    }

    private static void WriteComponent(WasmWriter w, WasmComponent c)
    {
        w.WriteBytes(ComponentDecoder.Preamble);
        using var body = new WasmWriter(1024);
        bool keptNames = false;
        foreach (var section in c.Sections)
        {
            body.Clear();
            WriteSectionBody(body, section);
            w.WriteByte((byte)section.Id);
            w.WriteSized(body.WrittenSpan);
            keptNames |= section is CustomComponentSection { Custom.Name: ComponentNameSection.SectionName };
        }
        if (c.Names is { } names && !keptNames)
        {
            body.Clear();
            body.WriteName(ComponentNameSection.SectionName);
            ComponentNameSection.Write(body, names);
            w.WriteByte((byte)ComponentSectionId.Custom);
            w.WriteSized(body.WrittenSpan);
        }
    }

    private static void WriteSectionBody(WasmWriter w, ComponentSection section)
    {
        switch (section)
        {
            case CustomComponentSection s:
                w.WriteName(s.Custom.Name);
                w.WriteBytes(s.Custom.Content.Span);
                break;
            case CoreModuleSection s:
                w.WriteBytes(s.Bytes.Length > 0 ? s.Bytes.Span : ModuleEncoder.Encode(s.Module));
                break;
            case NestedComponentSection s:
                WriteComponent(w, s.Component);
                break;
            case CoreInstanceSection s: WriteVector(w, s.Items, WriteCoreInstance); break;
            case CoreTypeSection s: WriteVector(w, s.Items, (w2, t) => WriteCoreType(w2, t, inModuleType: false)); break;
            case InstanceSection s: WriteVector(w, s.Items, WriteInstance); break;
            case AliasSection s: WriteVector(w, s.Items, WriteAlias); break;
            case TypeSection s: WriteVector(w, s.Items, WriteType); break;
            case CanonSection s: WriteVector(w, s.Items, WriteCanon); break;
            case StartSection s: WriteStart(w, s.Start); break;
            case ImportSection s: WriteVector(w, s.Items, (w2, i) => { WriteExternName(w2, i.Name); WriteExternType(w2, i.Type); }); break;
            case ExportSection s: WriteVector(w, s.Items, WriteExport); break;
            case ValueSection s: WriteVector(w, s.Items, (w2, v) => { WriteValType(w2, v.Type); w2.WriteSized(v.Bytes.Span); }); break;
            default: throw new ArgumentException($"no encoding for section {section.GetType().Name}", nameof(section));
        }
    }

    private static void WriteVector<T>(WasmWriter w, IReadOnlyList<T> items, Action<WasmWriter, T> write)
    {
        w.WriteU32((uint)items.Count);
        foreach (var item in items) write(w, item);
    }

    private static void WriteStart(WasmWriter w, ComponentStart s)
    {
        w.WriteU32(s.FuncIndex);
        WriteVector(w, s.Args, (w2, a) => w2.WriteU32(a));
        w.WriteU32(s.ResultCount);
    }

    private static void WriteCoreInstance(WasmWriter w, CoreInstance instance)
    {
        switch (instance)
        {
            case CoreInstantiate i:
                w.WriteByte(0x00);
                w.WriteU32(i.ModuleIndex);
                WriteVector(w, i.Args, (w2, a) => { w2.WriteName(a.Name); w2.WriteByte((byte)a.Sort); w2.WriteU32(a.Index); });
                break;
            case CoreInlineExports e:
                w.WriteByte(0x01);
                WriteVector(w, e.Exports, (w2, x) => { w2.WriteName(x.Name); w2.WriteByte((byte)x.Sort); w2.WriteU32(x.Index); });
                break;
            default: throw new ArgumentException($"no encoding for {instance.GetType().Name}", nameof(instance));
        }
    }

    private static void WriteInstance(WasmWriter w, ComponentInstanceDefinition instance)
    {
        switch (instance)
        {
            case ComponentInstantiate i:
                w.WriteByte(0x00);
                w.WriteU32(i.ComponentIndex);
                WriteVector(w, i.Args, (w2, a) => { w2.WriteName(a.Name); WriteSortIndex(w2, a.Item); });
                break;
            case ComponentInlineExports e:
                w.WriteByte(0x01);
                WriteVector(w, e.Exports, (w2, x) => { WriteExternName(w2, x.Name); WriteSortIndex(w2, x.Item); });
                break;
            default: throw new ArgumentException($"no encoding for {instance.GetType().Name}", nameof(instance));
        }
    }

    internal static void WriteSort(WasmWriter w, Sort sort)
    {
        w.WriteByte((byte)sort.Kind);
        if (sort.IsCore) w.WriteByte((byte)sort.Core);
    }

    private static void WriteSortIndex(WasmWriter w, SortIndex s)
    {
        WriteSort(w, s.Sort);
        w.WriteU32(s.Index);
    }

    private static void WriteAlias(WasmWriter w, Alias a)
    {
        WriteSort(w, a.Sort);
        w.WriteByte((byte)a.Target);
        if (a.Target == AliasTarget.Outer)
        {
            w.WriteU32(a.Count);
            w.WriteU32(a.Index);
        }
        else
        {
            w.WriteU32(a.Instance);
            w.WriteName(a.Name);
        }
    }

    private static void WriteCanon(WasmWriter w, CanonicalFunction f)
    {
        w.WriteByte((byte)f.Op);
        foreach (var imm in f.Info.Immediates)
        {
            switch (imm)
            {
                case CanonImmediate.CoreFunc or CanonImmediate.Func: w.WriteByte(0x00); w.WriteU32(f.FuncIndex); break;
                case CanonImmediate.Type: w.WriteU32(f.TypeIndex); break;
                case CanonImmediate.Options:
                    WriteVector(w, f.Options, (w2, o) => { w2.WriteByte((byte)o.Kind); if (o.HasIndex) w2.WriteU32(o.Index); });
                    break;
                case CanonImmediate.ResultList: WriteResultList(w, f.Result); break;
                case CanonImmediate.CoreValType: w.WriteByte((byte)f.CoreValType); break;
                case CanonImmediate.Slot: w.WriteU32(f.Slot); break;
                case CanonImmediate.Async: w.WriteByte(f.Async ? (byte)1 : (byte)0); break;
                case CanonImmediate.Cancellable: w.WriteByte(f.Cancellable ? (byte)1 : (byte)0); break;
                case CanonImmediate.Shared: w.WriteByte(f.Shared ? (byte)1 : (byte)0); break;
                case CanonImmediate.CoreMemory: w.WriteU32(f.MemoryIndex); break;
                case CanonImmediate.CoreType: w.WriteU32(f.CoreTypeIndex); break;
                case CanonImmediate.CoreTable: w.WriteU32(f.TableIndex); break;
                default: throw new InvalidOperationException($"canon immediate {imm} has no writer");
            }
        }
    }

    private static void WriteExport(WasmWriter w, ComponentExport e)
    {
        WriteExternName(w, e.Name);
        WriteSortIndex(w, e.Item);
        if (e.Type is { } t)
        {
            w.WriteByte(0x01);
            WriteExternType(w, t);
        }
        else w.WriteByte(0x00);
    }

    private static void WriteExternName(WasmWriter w, ExternName n)
    {
        // A name with attributes needs form 0x02 whatever form it was read with.
        byte form = n.HasAttributes ? (byte)0x02 : n.Form;
        w.WriteByte(form);
        w.WriteName(n.Name);
        if (form != 0x02) return;
        uint count = (n.Implements is null ? 0u : 1u) + (n.VersionSuffix is null ? 0u : 1u) + (n.ExternalId is null ? 0u : 1u);
        w.WriteU32(count);
        if (n.Implements is { } i) { w.WriteByte(0x00); w.WriteName(i); }
        if (n.VersionSuffix is { } v) { w.WriteByte(0x01); w.WriteName(v); }
        if (n.ExternalId is { } x) { w.WriteByte(0x02); w.WriteName(x); }
    }

    private static void WriteExternType(WasmWriter w, ExternType t)
    {
        switch (t.Kind)
        {
            case ExternKind.Module: w.WriteByte(0x00); w.WriteByte((byte)CoreSort.Module); w.WriteU32(t.Index); break;
            case ExternKind.Value:
                if (t.Value.IsEq) throw new ArgumentException("a value extern (eq i) has no wasm-tools encoding", nameof(t));
                w.WriteByte((byte)t.Kind);
                WriteValType(w, t.Value.Type);
                break;
            case ExternKind.Type:
                w.WriteByte((byte)t.Kind);
                if (t.Bound.IsSubResource) w.WriteByte(0x01);
                else { w.WriteByte(0x00); w.WriteU32(t.Bound.EqIndex); }
                break;
            default: w.WriteByte((byte)t.Kind); w.WriteU32(t.Index); break;
        }
    }
}
