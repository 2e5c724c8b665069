using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

/// <summary>
/// Parses one text module into the <see cref="Module"/> model in two passes over its fields. Pass 1
/// binds every identifier (so references may point forward), parses type definitions and checks that
/// imports precede definitions; pass 2 builds the fields in text order, encoding code straight to
/// bytes. Types that inline type uses need are appended after the explicit ones in order of first use.
/// </summary>
internal sealed partial class ModuleParser : TokenCursor
{
    private readonly WasmModule _m = new();
    private readonly NameScope _types = new("type");
    private readonly NameScope _funcs = new("function");
    private readonly NameScope _tables = new("table");
    private readonly NameScope _memories = new("memory");
    private readonly NameScope _globals = new("global");
    private readonly NameScope _tags = new("tag");
    private readonly NameScope _elems = new("elem segment");
    private readonly NameScope _datas = new("data segment");
    private readonly Dictionary<FuncType, uint> _typeLookup = [];
    private readonly List<Field> _fields = [];
    private string? _firstDefinition;
    private bool _usesDataCount;
    private NameSection? _names;

    // A module field located by pass 1: where it starts, its keyword and the index it defines.
    private readonly record struct Field(int Start, string Kind, uint Index);

    private ModuleParser(Token[] tokens, int position) : base(tokens, position) { }

    /// <summary>Parses <c>(module $id? field*)</c> starting at <paramref name="position"/> (its opening
    /// parenthesis); on return <paramref name="position"/> is just past the closing one.</summary>
    public static WasmModule ParseModuleForm(Token[] tokens, ref int position)
    {
        var p = new ModuleParser(tokens, position);
        p.ExpectField("module");
        var id = p.TryId();
        p.ParseFields();
        p.ExpectRParen();
        position = p.Position;
        return p.Finish(id);
    }

    /// <summary>Parses <c>field*</c> from <paramref name="position"/> up to (not past) the closing parenthesis
    /// of an enclosing form, naming the module <paramref name="moduleId"/> (with its <c>$</c>) when given.</summary>
    public static WasmModule ParseModuleBody(Token[] tokens, ref int position, string? moduleId)
    {
        var p = new ModuleParser(tokens, position);
        p.ParseFields();
        if (!p.AtRParen) throw p.Unexpected(p.Peek());
        position = p.Position;
        return p.Finish(moduleId);
    }

    /// <summary>A parser positioned in <paramref name="tokens"/> for reading one core type (component core types).</summary>
    internal static ModuleParser ForTypes(Token[] tokens, int position) => new(tokens, position);

    internal FuncType ParseFuncTypeForm() => ParseFuncTypeDefinition();
    internal TableType ParseTableTypeText() => ParseTableType();
    internal MemoryType ParseMemoryTypeText() => ParseMemoryType();
    internal GlobalType ParseGlobalTypeText() => ParseGlobalType();

    /// <summary>Parses bare module fields from <paramref name="position"/> up to the end of input.</summary>
    public static WasmModule ParseFieldsToEnd(Token[] tokens, int position)
    {
        var p = new ModuleParser(tokens, position);
        p.ParseFields();
        if (p.Peek().Kind != TokenKind.Eof) throw p.Unexpected(p.Peek());
        return p.Finish(null);
    }

    private WasmModule Finish(string? moduleId)
    {
        _m.CountImports();
        if (moduleId is not null) Names.ModuleName = moduleId[1..];
        _m.Names = _names;
        if (_usesDataCount) _m.DataCount = _datas.Count;
        return _m;
    }

    private NameSection Names => _names ??= new NameSection();

    private void ParseFields()
    {
        while (AtLParen) ScanField();
        int end = Position;
        foreach (var f in _fields)
        {
            Position = f.Start;
            DefineField(f);
        }
        Position = end;
    }

    // ---------------------------------------------------------------- pass 1

    private void ScanField()
    {
        int start = Position;
        ExpectLParen();
        var kw = Next();
        if (kw.Kind != TokenKind.Keyword) throw Unexpected(kw);
        switch (kw.Text)
        {
            case "type":
                {
                    var id = TryIdToken();
                    var ft = ParseFuncTypeDefinition();
                    ExpectRParen();
                    uint index = _types.Add(id);
                    _m.Types.Add(ft);
                    _typeLookup.TryAdd(ft, index);
                    return;
                }
            case "import":
                {
                    ExpectString();
                    ExpectString();
                    ExpectLParen();
                    var kind = Next();
                    var scope = kind.Kind == TokenKind.Keyword ? ScopeFor(kind.Text) : null;
                    if (scope is null) throw Unexpected(kind);
                    CheckImportOrder(kw);
                    uint index = scope.Add(TryIdToken());
                    _fields.Add(new Field(start, "import", index));
                    break;
                }
            case "func":
            case "table":
            case "memory":
            case "global":
            case "tag":
                {
                    var scope = ScopeFor(kw.Text)!;
                    var id = TryIdToken();
                    while (AtField("export")) SkipBalanced();
                    if (AtField("import")) CheckImportOrder(Peek(1));
                    else _firstDefinition ??= scope.Kind;
                    uint index = scope.Add(id);
                    _fields.Add(new Field(start, kw.Text, index));
                    // Inline element and data abbreviations define a segment of their own.
                    if (kw.Text == "table" && Peek().Kind == TokenKind.Keyword && Peek(1).Kind == TokenKind.LParen && Peek(2).IsKeyword("elem"))
                        _elems.Add(null);
                    if (kw.Text == "memory" && AtField("data"))
                        _datas.Add(null);
                    break;
                }
            case "export":
            case "start":
                _fields.Add(new Field(start, kw.Text, 0));
                break;
            case "elem":
                _fields.Add(new Field(start, kw.Text, _elems.Add(TryIdToken())));
                break;
            case "data":
                _fields.Add(new Field(start, kw.Text, _datas.Add(TryIdToken())));
                break;
            default:
                throw Error(kw, $"unknown module field {kw.Text}");
        }
        Position = start;
        SkipBalanced();
    }

    private NameScope? ScopeFor(string keyword) => keyword switch
    {
        "func" => _funcs,
        "table" => _tables,
        "memory" => _memories,
        "global" => _globals,
        "tag" => _tags,
        _ => null,
    };

    private void CheckImportOrder(Token at)
    {
        if (_firstDefinition is not null) throw Error(at, $"import after {_firstDefinition}");
    }

    // ---------------------------------------------------------------- pass 2

    private void DefineField(Field f)
    {
        ExpectLParen();
        Next();
        switch (f.Kind)
        {
            case "import": DefineImport(f); break;
            case "func": DefineFunc(f); break;
            case "table": DefineTable(f); break;
            case "memory": DefineMemory(f); break;
            case "global": DefineGlobal(f); break;
            case "tag": DefineTag(f); break;
            case "export": DefineExport(); break;
            case "start": DefineStart(); break;
            case "elem": DefineElem(); break;
            case "data": DefineData(); break;
            default: throw new InvalidOperationException(f.Kind);
        }
    }

    private void DefineImport(Field f)
    {
        string module = ExpectName();
        string name = ExpectName();
        ExpectLParen();
        var kind = Next();
        var id = TryIdToken();
        _m.Imports.Add(ParseImportDescription(kind.Text, module, name, f.Index, id));
        ExpectRParen();
        ExpectRParen();
    }

    private Import ParseImportDescription(string kind, string module, string name, uint index, Token? id)
    {
        switch (kind)
        {
            case "func":
                {
                    uint type = ParseTypeUse(allowParamIds: true, out _, out _);
                    if (id is { } t) Names.FunctionNames[index] = t.Text[1..];
                    return new Import(module, name, ExternalKind.Func) { FuncTypeIndex = type };
                }
            case "table":
                return new Import(module, name, ExternalKind.Table) { Table = ParseTableType() };
            case "memory":
                return new Import(module, name, ExternalKind.Memory) { Memory = ParseMemoryType() };
            case "tag":
                return new Import(module, name, ExternalKind.Tag) { FuncTypeIndex = ParseTypeUse(allowParamIds: false, out _, out _) };
            default:
                return new Import(module, name, ExternalKind.Global) { Global = ParseGlobalType() };
        }
    }

    private void ParseInlineExports(ExternalKind kind, uint index)
    {
        while (AtField("export"))
        {
            ExpectField("export");
            _m.Exports.Add(new Export(ExpectName(), kind, index));
            ExpectRParen();
        }
    }

    /// <summary>Consumes <c>(import "m" "n")</c> if present.</summary>
    private (string Module, string Name)? ParseInlineImport()
    {
        if (!AtField("import")) return null;
        ExpectField("import");
        string module = ExpectName();
        string name = ExpectName();
        ExpectRParen();
        return (module, name);
    }

    private void DefineFunc(Field f)
    {
        var id = TryIdToken();
        ParseInlineExports(ExternalKind.Func, f.Index);
        if (id is { } t) Names.FunctionNames[f.Index] = t.Text[1..];
        if (ParseInlineImport() is { } imp)
        {
            uint itype = ParseTypeUse(allowParamIds: true, out _, out _);
            ExpectRParen();
            _m.Imports.Add(new Import(imp.Module, imp.Name, ExternalKind.Func) { FuncTypeIndex = itype });
            return;
        }

        uint type = ParseTypeUse(allowParamIds: true, out var paramIds, out int paramCount);
        var ctx = new FuncContext();
        Dictionary<uint, string>? localNames = null;
        for (int i = 0; i < paramCount; i++)
        {
            BindLocal(ctx, i < paramIds.Count ? paramIds[i] : null, ref localNames);
        }
        var locals = new List<ValType>();
        while (AtField("local"))
        {
            ExpectField("local");
            if (TryIdToken() is { } lid)
            {
                BindLocal(ctx, lid, ref localNames);
                locals.Add(ParseValType());
            }
            else
            {
                while (!AtRParen)
                {
                    BindLocal(ctx, null, ref localNames);
                    locals.Add(ParseValType());
                }
            }
            ExpectRParen();
        }
        ParseInstructions(ctx);
        ExpectRParen();
        ctx.Code.End();
        if (localNames is not null) Names.LocalNames[f.Index] = localNames;
        _m.Functions.Add(type);
        _m.Codes.Add(new FunctionBody { Locals = GroupLocals(locals), Code = ctx.Writer.ToArray() });
        ctx.Writer.Dispose();
    }

    private static void BindLocal(FuncContext ctx, Token? id, ref Dictionary<uint, string>? names)
    {
        uint index = ctx.LocalCount++;
        if (id is not { } t) return;
        if (!ctx.LocalIds.TryAdd(t.Text, index)) throw Error(t, $"duplicate local {t.Text}");
        (names ??= [])[index] = t.Text[1..];
    }

    // The binary format groups runs of equal local types; text order is kept.
    private static LocalGroup[] GroupLocals(List<ValType> locals)
    {
        var groups = new List<LocalGroup>();
        int i = 0;
        while (i < locals.Count)
        {
            int j = i;
            while (j < locals.Count && locals[j] == locals[i]) j++;
            groups.Add(new LocalGroup((uint)(j - i), locals[i]));
            i = j;
        }
        return groups.ToArray();
    }

    private void DefineTable(Field f)
    {
        TryIdToken();
        ParseInlineExports(ExternalKind.Table, f.Index);
        if (ParseInlineImport() is { } imp)
        {
            var tt = ParseTableType();
            ExpectRParen();
            _m.Imports.Add(new Import(imp.Module, imp.Name, ExternalKind.Table) { Table = tt });
            return;
        }
        if (Peek().Kind == TokenKind.Keyword && Peek(1).Kind == TokenKind.LParen && Peek(2).IsKeyword("elem"))
        {
            // (table reftype (elem …)): a table exactly as large as its inline active segment at offset 0.
            var refType = ParseRefType();
            ExpectField("elem");
            uint[]? funcs = null;
            ConstExpr[]? exprs = null;
            if (AtLParen)
            {
                exprs = ParseElemExpressions();
                funcs = AsFunctionIndices(refType, exprs);
                if (funcs is not null) exprs = null;
            }
            else
            {
                funcs = ParseFuncIndexList();
            }
            ExpectRParen();
            ExpectRParen();
            ulong n = (ulong)(funcs?.Length ?? exprs!.Length);
            _m.Tables.Add(new TableType(refType, new Limits(n, n)));
            _m.Elements.Add(new ElementSegment
            {
                Mode = SegmentMode.Active,
                TableIndex = f.Index,
                Offset = I32ConstZero(),
                ElementType = refType,
                FunctionIndices = funcs,
                Expressions = exprs,
            });
            return;
        }
        _m.Tables.Add(ParseTableType());
        ExpectRParen();
    }

    private void DefineMemory(Field f)
    {
        TryIdToken();
        ParseInlineExports(ExternalKind.Memory, f.Index);
        if (ParseInlineImport() is { } imp)
        {
            var mt = ParseMemoryType();
            ExpectRParen();
            _m.Imports.Add(new Import(imp.Module, imp.Name, ExternalKind.Memory) { Memory = mt });
            return;
        }
        if (AtField("data"))
        {
            // (memory (data …)): a memory just large enough for its inline active segment at offset 0.
            ExpectField("data");
            var bytes = ParseDataStrings();
            ExpectRParen();
            ExpectRParen();
            ulong pages = ((ulong)bytes.Length + MemoryType.PageSize - 1) / MemoryType.PageSize;
            _m.Memories.Add(new MemoryType(new Limits(pages, pages)));
            _m.Data.Add(new DataSegment { Mode = SegmentMode.Active, MemoryIndex = f.Index, Offset = I32ConstZero(), Data = bytes });
            return;
        }
        _m.Memories.Add(ParseMemoryType());
        ExpectRParen();
    }

    private void DefineGlobal(Field f)
    {
        TryIdToken();
        ParseInlineExports(ExternalKind.Global, f.Index);
        if (ParseInlineImport() is { } imp)
        {
            var igt = ParseGlobalType();
            ExpectRParen();
            _m.Imports.Add(new Import(imp.Module, imp.Name, ExternalKind.Global) { Global = igt });
            return;
        }
        var gt = ParseGlobalType();
        var init = ParseExpressionUntilRParen();
        ExpectRParen();
        _m.Globals.Add(new Global(gt, init));
    }

    private void DefineExport()
    {
        string name = ExpectName();
        ExpectLParen();
        var kind = Next();
        (ExternalKind k, NameScope scope) = kind.Text switch
        {
            "func" when kind.Kind == TokenKind.Keyword => (ExternalKind.Func, _funcs),
            "table" when kind.Kind == TokenKind.Keyword => (ExternalKind.Table, _tables),
            "memory" when kind.Kind == TokenKind.Keyword => (ExternalKind.Memory, _memories),
            "global" when kind.Kind == TokenKind.Keyword => (ExternalKind.Global, _globals),
            "tag" when kind.Kind == TokenKind.Keyword => (ExternalKind.Tag, _tags),
            _ => throw Unexpected(kind),
        };
        uint index = scope.Resolve(Next());
        ExpectRParen();
        ExpectRParen();
        _m.Exports.Add(new Export(name, k, index));
    }

    private void DefineStart()
    {
        var at = Peek();
        uint index = _funcs.Resolve(Next());
        ExpectRParen();
        if (_m.Start is not null) throw Error(at, "multiple start sections");
        _m.Start = index;
    }

    private void DefineElem()
    {
        TryIdToken();
        var mode = SegmentMode.Passive;
        uint table = 0;
        ConstExpr? offset = null;
        bool explicitTable = false;
        if (AtKeyword("declare"))
        {
            Next();
            mode = SegmentMode.Declarative;
        }
        else
        {
            if (AtField("table"))
            {
                ExpectField("table");
                table = _tables.Resolve(Next());
                ExpectRParen();
                explicitTable = true;
            }
            if (AtLParen)
            {
                mode = SegmentMode.Active;
                offset = ParseOffset();
            }
            else if (explicitTable)
            {
                throw Unexpected(Peek());
            }
        }

        var elemType = ValType.FuncRef;
        uint[]? funcs = null;
        ConstExpr[]? exprs = null;
        if (AtKeyword("func"))
        {
            Next();
            funcs = ParseFuncIndexList();
        }
        else if (Peek().Kind == TokenKind.Keyword)
        {
            elemType = ParseRefType();
            exprs = ParseElemExpressions();
            funcs = AsFunctionIndices(elemType, exprs);
            if (funcs is not null) exprs = null;
        }
        else if (mode == SegmentMode.Active && !explicitTable)
        {
            // (elem (offset …) funcidx*): the MVP form, table 0 and function indices.
            funcs = ParseFuncIndexList();
        }
        else
        {
            throw Unexpected(Peek());
        }
        ExpectRParen();
        _m.Elements.Add(new ElementSegment
        {
            Mode = mode,
            TableIndex = table,
            Offset = offset,
            ElementType = elemType,
            FunctionIndices = funcs,
            Expressions = exprs,
        });
    }

    private void DefineData()
    {
        TryIdToken();
        var mode = SegmentMode.Passive;
        uint memory = 0;
        ConstExpr? offset = null;
        bool explicitMemory = false;
        if (AtField("memory"))
        {
            ExpectField("memory");
            memory = _memories.Resolve(Next());
            ExpectRParen();
            explicitMemory = true;
        }
        if (AtLParen)
        {
            mode = SegmentMode.Active;
            offset = ParseOffset();
        }
        else if (explicitMemory)
        {
            throw Unexpected(Peek());
        }
        var bytes = ParseDataStrings();
        ExpectRParen();
        _m.Data.Add(new DataSegment { Mode = mode, MemoryIndex = memory, Offset = offset, Data = bytes });
    }

    private byte[] ParseDataStrings()
    {
        var all = new List<byte>();
        while (Peek().Kind == TokenKind.String) all.AddRange(Next().Bytes!);
        return all.ToArray();
    }

    private uint[] ParseFuncIndexList()
    {
        var list = new List<uint>();
        while (AtIndex) list.Add(_funcs.Resolve(Next()));
        return list.ToArray();
    }

    /// <summary>Element expressions: <c>(item instr*)</c> or a single folded instruction each.</summary>
    private ConstExpr[] ParseElemExpressions()
    {
        var list = new List<ConstExpr>();
        while (AtLParen)
        {
            if (AtField("item"))
            {
                ExpectField("item");
                list.Add(ParseExpressionUntilRParen());
                ExpectRParen();
            }
            else
            {
                list.Add(ParseSingleFoldedExpression());
            }
        }
        return list.ToArray();
    }

    /// <summary><c>(offset instr*)</c> or a single folded instruction.</summary>
    private ConstExpr ParseOffset()
    {
        if (AtField("offset"))
        {
            ExpectField("offset");
            var e = ParseExpressionUntilRParen();
            ExpectRParen();
            return e;
        }
        return ParseSingleFoldedExpression();
    }

    /// <summary>
    /// Function indices when every item of a funcref segment is a plain <c>ref.func</c>: then the
    /// segment is written in the compact index form, as the reference interpreter and wabt do.
    /// </summary>
    private static uint[]? AsFunctionIndices(ValType elemType, ConstExpr[] exprs)
    {
        if (elemType != ValType.FuncRef) return null;
        var result = new uint[exprs.Length];
        for (int i = 0; i < exprs.Length; i++)
        {
            var code = exprs[i].Code.Span;
            if (code.Length < 3 || code[0] != 0xD2 || code[^1] != 0x0B) return null;
            var r = new Binary.WasmReader(code[1..^1]);
            result[i] = r.ReadU32();
            if (!r.AtEnd) return null;
        }
        return result;
    }

    private static ConstExpr I32ConstZero() => new(new byte[] { 0x41, 0x00, 0x0B }, 0);
}
