using Kiln.Component.Model;
using Kiln.Wasm.Model;

namespace Kiln.Component.Text.Printing;

// Type definitions, core types and declarators. Inside component, instance and module types only indices are
// printed: the name section does not name their inner index spaces.
public sealed partial class ComponentPrinter
{
    private void PrintValType(ComponentValType t)
    {
        if (t.IsPrimitive) _sb.Append(t.Primitive.ToText());
        else _sb.Append(t.TypeIndex);
    }

    private void PrintType(TypeDefinition t)
    {
        switch (t)
        {
            case ResourceTypeDefinition r:
                _sb.Append("(resource (rep ").Append(r.Representation.ToText()).Append(')');
                if (r.Destructor is { } dtor) _sb.Append(" (dtor ").Append(dtor).Append(')');
                _sb.Append(')');
                break;
            case ComponentFuncType f:
                _sb.Append("(func");
                if (f.Async) _sb.Append(" async");
                foreach (var p in f.Params) { _sb.Append(" (param ").Append(Quote(p.Label)).Append(' '); PrintValType(p.Type); _sb.Append(')'); }
                if (f.Result is { } res) { _sb.Append(" (result "); PrintValType(res); _sb.Append(')'); }
                _sb.Append(')');
                break;
            case ComponentTypeDefinition c: PrintDeclarations("component", c.Declarations); break;
            case InstanceTypeDefinition i: PrintDeclarations("instance", i.Declarations); break;
            case DefinedType d: PrintDefinedType(d); break;
            default: throw new ArgumentException($"no text for {t.GetType().Name}", nameof(t));
        }
    }

    private void PrintDefinedType(DefinedType t)
    {
        switch (t)
        {
            case PrimitiveDefinedType p: _sb.Append(p.Type.ToText()); break;
            case RecordType r:
                _sb.Append("(record");
                foreach (var f in r.Fields) { _sb.Append(" (field ").Append(Quote(f.Label)).Append(' '); PrintValType(f.Type); _sb.Append(')'); }
                _sb.Append(')');
                break;
            case VariantType v:
                _sb.Append("(variant");
                foreach (var c in v.Cases)
                {
                    _sb.Append(" (case ").Append(Quote(c.Label));
                    if (c.Type is { } ct) { _sb.Append(' '); PrintValType(ct); }
                    _sb.Append(')');
                }
                _sb.Append(')');
                break;
            case ListType l: _sb.Append("(list "); PrintValType(l.Element); _sb.Append(')'); break;
            case FixedListType l: _sb.Append("(list "); PrintValType(l.Element); _sb.Append(' ').Append(l.Length).Append(')'); break;
            case MapType m: _sb.Append("(map "); PrintValType(m.Key); _sb.Append(' '); PrintValType(m.Value); _sb.Append(')'); break;
            case TupleType tu:
                _sb.Append("(tuple");
                foreach (var x in tu.Types) { _sb.Append(' '); PrintValType(x); }
                _sb.Append(')');
                break;
            case FlagsType f: _sb.Append("(flags"); foreach (var n in f.Names) _sb.Append(' ').Append(Quote(n)); _sb.Append(')'); break;
            case EnumType e: _sb.Append("(enum"); foreach (var n in e.Names) _sb.Append(' ').Append(Quote(n)); _sb.Append(')'); break;
            case OptionType o: _sb.Append("(option "); PrintValType(o.Type); _sb.Append(')'); break;
            case ResultType r:
                _sb.Append("(result");
                if (r.Ok is { } ok) { _sb.Append(' '); PrintValType(ok); }
                if (r.Error is { } err) { _sb.Append(" (error "); PrintValType(err); _sb.Append(')'); }
                _sb.Append(')');
                break;
            case OwnType o: _sb.Append("(own ").Append(o.ResourceIndex).Append(')'); break;
            case BorrowType b: _sb.Append("(borrow ").Append(b.ResourceIndex).Append(')'); break;
            case StreamType s: _sb.Append("(stream"); if (s.Element is { } se) { _sb.Append(' '); PrintValType(se); } _sb.Append(')'); break;
            case FutureType f: _sb.Append("(future"); if (f.Element is { } fe) { _sb.Append(' '); PrintValType(fe); } _sb.Append(')'); break;
            default: throw new ArgumentException($"no text for {t.GetType().Name}", nameof(t));
        }
    }

    private void PrintDeclarations(string keyword, IReadOnlyList<TypeDeclaration> decls)
    {
        _sb.Append('(').Append(keyword);
        _indent++;
        foreach (var d in decls)
        {
            Line();
            switch (d)
            {
                case CoreTypeDeclaration c: _sb.Append("(core type "); PrintCoreType(c.Type); _sb.Append(')'); break;
                case TypeDefinitionDeclaration t: _sb.Append("(type "); PrintType(t.Type); _sb.Append(')'); break;
                case AliasDeclaration a: PrintAlias(a.Alias, null); break;
                case ImportDeclaration i: _sb.Append("(import "); PrintExternName(i.Name); _sb.Append(' '); PrintExternType(i.Type, null); _sb.Append(')'); break;
                case ExportDeclaration e: _sb.Append("(export "); PrintExternName(e.Name); _sb.Append(' '); PrintExternType(e.Type, null); _sb.Append(')'); break;
            }
        }
        _indent--;
        _sb.Append(')');
    }

    private void PrintCoreType(CoreTypeDefinition t)
    {
        switch (t)
        {
            case CoreFuncTypeDefinition f: PrintCoreFuncType(f.Type); break;
            case CoreSubTypeDefinition s:
                _sb.Append("(sub");
                if (s.IsFinal) _sb.Append(" final");
                foreach (var x in s.Supertypes) _sb.Append(' ').Append(x);
                _sb.Append(' ');
                PrintCoreFuncType(s.Type);
                _sb.Append(')');
                break;
            case CoreModuleTypeDefinition m:
                _sb.Append("(module");
                _indent++;
                foreach (var d in m.Declarations)
                {
                    Line();
                    switch (d)
                    {
                        case ModuleImportDeclaration i:
                            _sb.Append("(import ").Append(Quote(i.Module)).Append(' ').Append(Quote(i.Name)).Append(' ');
                            PrintCoreExternType(i.Type);
                            _sb.Append(')');
                            break;
                        case ModuleTypeDefinitionDeclaration td: _sb.Append("(type "); PrintCoreType(td.Type); _sb.Append(')'); break;
                        case ModuleOuterAliasDeclaration a: _sb.Append("(alias outer ").Append(a.Count).Append(' ').Append(a.Index).Append(" (type))"); break;
                        case ModuleExportDeclaration e: _sb.Append("(export ").Append(Quote(e.Name)).Append(' '); PrintCoreExternType(e.Type); _sb.Append(')'); break;
                    }
                }
                _indent--;
                _sb.Append(')');
                break;
        }
    }

    private void PrintCoreFuncType(FuncType f)
    {
        _sb.Append("(func");
        if (f.Params.Length > 0) { _sb.Append(" (param"); foreach (var p in f.Params) _sb.Append(' ').Append(p.ToText()); _sb.Append(')'); }
        if (f.Results.Length > 0) { _sb.Append(" (result"); foreach (var r in f.Results) _sb.Append(' ').Append(r.ToText()); _sb.Append(')'); }
        _sb.Append(')');
    }

    private void PrintCoreExternType(CoreExternType t)
    {
        switch (t.Kind)
        {
            case CoreSort.Func: _sb.Append("(func (type ").Append(t.TypeIndex).Append("))"); break;
            case CoreSort.Table: _sb.Append("(table ").Append(t.Table.Limits.ToString()).Append(' ').Append(t.Table.ElementType.ToText()).Append(')'); break;
            case CoreSort.Memory: _sb.Append("(memory ").Append(t.Memory.ToString()).Append(')'); break;
            case CoreSort.Global:
                _sb.Append("(global ");
                if (t.Global.Mutable) _sb.Append("(mut ").Append(t.Global.ValueType.ToText()).Append(')');
                else _sb.Append(t.Global.ValueType.ToText());
                _sb.Append(')');
                break;
            case CoreSort.Tag: _sb.Append("(tag (type ").Append(t.TypeIndex).Append("))"); break;
        }
    }
}
