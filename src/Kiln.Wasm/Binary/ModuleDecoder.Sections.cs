using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

// The sections that declare types, imports, functions, tables, memories, globals and exports.
public sealed partial class ModuleDecoder
{
    private const byte FuncTypeForm = 0x60;

    private void ReadTypeSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Types.EnsureCapacity(n);
        for (int i = 0; i < n; i++)
        {
            int at = r.Position;
            byte form = r.ReadByte();
            // The form is a one-byte signed LEB128 in the spec, so a continuation bit is an overlong integer.
            if (form != FuncTypeForm) throw r.Error((form & 0x80) != 0 ? "integer representation too long" : "malformed function type", at);
            var parameters = ReadValTypes(ref r);
            var results = ReadValTypes(ref r);
            _m.Types.Add(parameters.Length == 0 && results.Length == 0 ? FuncType.Empty : new FuncType(parameters, results));
        }
    }

    private static ValType[] ReadValTypes(ref WasmReader r)
    {
        int n = r.ReadCount();
        if (n == 0) return [];
        var types = new ValType[n];
        for (int i = 0; i < n; i++) types[i] = TypeDecoding.ReadValType(ref r);
        return types;
    }

    private void ReadImportSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Imports.EnsureCapacity(n);
        for (int i = 0; i < n; i++)
        {
            string module = r.ReadName();
            string name = r.ReadName();
            int at = r.Position;
            byte kind = r.ReadByte();
            _m.Imports.Add((ExternalKind)kind switch
            {
                ExternalKind.Func => new Import(module, name, ExternalKind.Func) { FuncTypeIndex = r.ReadU32() },
                ExternalKind.Table => new Import(module, name, ExternalKind.Table) { Table = TypeDecoding.ReadTableType(ref r) },
                ExternalKind.Memory => new Import(module, name, ExternalKind.Memory) { Memory = TypeDecoding.ReadMemoryType(ref r, _features) },
                ExternalKind.Global => new Import(module, name, ExternalKind.Global) { Global = TypeDecoding.ReadGlobalType(ref r) },
                ExternalKind.Tag => new Import(module, name, ExternalKind.Tag) { FuncTypeIndex = ReadTagType(ref r) },
                _ => throw r.Error("malformed import kind", at),
            });
        }
        _m.CountImports();
    }

    private void ReadFunctionSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Functions.EnsureCapacity(n);
        for (int i = 0; i < n; i++) _m.Functions.Add(r.ReadU32());
    }

    private void ReadTableSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Tables.EnsureCapacity(n);
        for (int i = 0; i < n; i++) _m.Tables.Add(TypeDecoding.ReadTableType(ref r));
    }

    private void ReadMemorySection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Memories.EnsureCapacity(n);
        for (int i = 0; i < n; i++) _m.Memories.Add(TypeDecoding.ReadMemoryType(ref r, _features));
    }

    private void ReadGlobalSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Globals.EnsureCapacity(n);
        for (int i = 0; i < n; i++)
        {
            var type = TypeDecoding.ReadGlobalType(ref r);
            _m.Globals.Add(new Global(type, ReadConstExpr(ref r)));
        }
    }

    private void ReadExportSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Exports.EnsureCapacity(n);
        for (int i = 0; i < n; i++)
        {
            string name = r.ReadName();
            int at = r.Position;
            byte kind = r.ReadByte();
            if (kind > (byte)ExternalKind.Tag) throw r.Error("malformed export kind", at);
            _m.Exports.Add(new Export(name, (ExternalKind)kind, r.ReadU32()));
        }
    }
}
