using System.Globalization;
using System.Text;
using Kiln.Component.Model;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;

namespace Kiln.Component.Text.Printing;

/// <summary>
/// Prints a component in the text format (Explainer.md), one definition per line in binary order, so that the text
/// assembles back to the same sections: nothing is folded into inline sugar. Every definition gets its index as a
/// comment, or its identifier from the <c>component-name</c> section (which the assembler turns back into that
/// section); references are plain indices. Nested core modules are printed by Kiln.Wasm's <see cref="WatPrinter"/>.
/// Custom sections other than <c>component-name</c> have no text form and appear as comments.
/// </summary>
public sealed partial class ComponentPrinter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    private ComponentPrinter() { }

    public static string Print(WasmComponent component)
    {
        var p = new ComponentPrinter();
        p.PrintComponent(component, null);
        p._sb.Append('\n');
        return p._sb.ToString();
    }

    /// <summary>Index spaces of one component as they grow, and the identifiers its name section gives them.</summary>
    private sealed class Scope(ComponentNames? names)
    {
        private readonly Dictionary<Sort, uint> _counts = [];
        private readonly HashSet<(Sort, string)> _used = [];

        /// <summary>Adds one index to <paramref name="sort"/>'s space and returns how to label it: <c>$id</c>, or its index as a comment.</summary>
        public string Define(Sort sort)
        {
            uint i = _counts.GetValueOrDefault(sort);
            _counts[sort] = i + 1;
            if (names?.NameOf(sort, i) is { } n && _used.Add((sort, n))) return Id(n);
            return $"(;{i};)";
        }

        public void Skip(Sort sort, uint n) => _counts[sort] = _counts.GetValueOrDefault(sort) + n;
    }

    private void Line()
    {
        _sb.Append('\n');
        _sb.Append(' ', _indent * 2);
    }

    private void PrintComponent(WasmComponent c, string? label)
    {
        _sb.Append("(component");
        if (c.Names?.ComponentName is { } own) _sb.Append(' ').Append(Id(own));
        else if (label is not null) _sb.Append(' ').Append(label);
        var scope = new Scope(c.Names);
        _indent++;
        foreach (var section in c.Sections) PrintSection(section, scope);
        _indent--;
        _sb.Append(')');
    }

    private void PrintSection(ComponentSection section, Scope scope)
    {
        switch (section)
        {
            case CustomComponentSection s:
                if (s.Custom.Name != Binary.ComponentNameSection.SectionName)
                {
                    Line();
                    _sb.Append("(; custom section ").Append(Quote(s.Custom.Name)).Append(", ").Append(s.Custom.Content.Length).Append(" bytes ;)");
                }
                break;
            case CoreModuleSection s: Line(); PrintCoreModule(s.Module, scope.Define(Sort.OfCore(CoreSort.Module))); break;
            case NestedComponentSection s: Line(); PrintComponent(s.Component, scope.Define(Sort.Component)); break;
            case CoreInstanceSection s: foreach (var i in s.Items) { Line(); PrintCoreInstance(i, scope); } break;
            case CoreTypeSection s: foreach (var t in s.Items) { Line(); _sb.Append("(core type ").Append(scope.Define(Sort.OfCore(CoreSort.Type))).Append(' '); PrintCoreType(t); _sb.Append(')'); } break;
            case InstanceSection s: foreach (var i in s.Items) { Line(); PrintInstance(i, scope); } break;
            case AliasSection s: foreach (var a in s.Items) { Line(); PrintAlias(a, scope.Define(a.Sort)); } break;
            case TypeSection s: foreach (var t in s.Items) { Line(); _sb.Append("(type ").Append(scope.Define(Sort.Type)).Append(' '); PrintType(t); _sb.Append(')'); } break;
            case CanonSection s: foreach (var f in s.Items) { Line(); PrintCanon(f, scope); } break;
            case StartSection s: Line(); PrintStart(s.Start, scope); break;
            case ImportSection s:
                foreach (var i in s.Items)
                {
                    Line();
                    _sb.Append("(import ");
                    PrintExternName(i.Name);
                    _sb.Append(' ');
                    PrintExternType(i.Type, scope.Define(SortOf(i.Type.Kind)));
                    _sb.Append(')');
                }
                break;
            case ExportSection s:
                foreach (var e in s.Items)
                {
                    Line();
                    _sb.Append("(export ").Append(scope.Define(e.Item.Sort)).Append(' ');
                    PrintExternName(e.Name);
                    _sb.Append(' ');
                    PrintSortIndex(e.Item);
                    if (e.Type is { } t) { _sb.Append(' '); PrintExternType(t, null); }
                    _sb.Append(')');
                }
                break;
            case ValueSection s:
                foreach (var v in s.Items)
                {
                    Line();
                    _sb.Append("(value ").Append(scope.Define(Sort.Value)).Append(' ');
                    PrintValType(v.Type);
                    _sb.Append(" binary ").Append(Quote(v.Bytes.Span)).Append(')');
                }
                break;
            default: throw new ArgumentException($"no text for section {section.GetType().Name}", nameof(section));
        }
    }

    private void PrintCoreModule(WasmModule module, string label)
    {
        string text = WatPrinter.Print(module).TrimEnd('\n');
        // WatPrinter writes "(module $name? ...": the component's label names it unless the module names itself.
        const string head = "(module";
        string rest = text.StartsWith(head, StringComparison.Ordinal) ? text[head.Length..] : text;
        _sb.Append("(core module");
        if (!rest.StartsWith(" $", StringComparison.Ordinal)) _sb.Append(' ').Append(label);
        string pad = new(' ', _indent * 2);
        _sb.Append(rest.Replace("\n", "\n" + pad, StringComparison.Ordinal));
    }

    private void PrintCoreInstance(CoreInstance instance, Scope scope)
    {
        _sb.Append("(core instance ").Append(scope.Define(Sort.OfCore(CoreSort.Instance)));
        switch (instance)
        {
            case CoreInstantiate i:
                _sb.Append(" (instantiate ").Append(i.ModuleIndex);
                foreach (var a in i.Args) _sb.Append(" (with ").Append(Quote(a.Name)).Append(" (instance ").Append(a.Index).Append("))");
                _sb.Append(')');
                break;
            case CoreInlineExports e:
                foreach (var x in e.Exports)
                    _sb.Append(" (export ").Append(Quote(x.Name)).Append(" (").Append(Sort.CoreSortText(x.Sort)).Append(' ').Append(x.Index).Append("))");
                break;
        }
        _sb.Append(')');
    }

    private void PrintInstance(ComponentInstanceDefinition instance, Scope scope)
    {
        _sb.Append("(instance ").Append(scope.Define(Sort.Instance));
        switch (instance)
        {
            case ComponentInstantiate i:
                _sb.Append(" (instantiate ").Append(i.ComponentIndex);
                foreach (var a in i.Args) { _sb.Append(" (with ").Append(Quote(a.Name)).Append(' '); PrintSortIndex(a.Item); _sb.Append(')'); }
                _sb.Append(')');
                break;
            case ComponentInlineExports e:
                foreach (var x in e.Exports) { _sb.Append(" (export "); PrintExternName(x.Name); _sb.Append(' '); PrintSortIndex(x.Item); _sb.Append(')'); }
                break;
        }
        _sb.Append(')');
    }

    private void PrintAlias(Alias a, string? label)
    {
        switch (a.Target)
        {
            case AliasTarget.InstanceExport: _sb.Append("(alias export ").Append(a.Instance).Append(' ').Append(Quote(a.Name)); break;
            case AliasTarget.CoreInstanceExport: _sb.Append("(alias core export ").Append(a.Instance).Append(' ').Append(Quote(a.Name)); break;
            default: _sb.Append("(alias outer ").Append(a.Count).Append(' ').Append(a.Index); break;
        }
        _sb.Append(" (").Append(a.Sort.ToString());
        if (label is not null) _sb.Append(' ').Append(label);
        _sb.Append("))");
    }

    private void PrintStart(ComponentStart s, Scope scope)
    {
        _sb.Append("(start ").Append(s.FuncIndex);
        foreach (var a in s.Args) _sb.Append(" (value ").Append(a).Append(')');
        for (uint i = 0; i < s.ResultCount; i++) _sb.Append(" (result (value ").Append(scope.Define(Sort.Value)).Append("))");
        _sb.Append(')');
    }

    private void PrintSortIndex(SortIndex s) => _sb.Append('(').Append(s.Sort.ToString()).Append(' ').Append(s.Index).Append(')');

    private void PrintExternName(ExternName n)
    {
        _sb.Append(Quote(n.Name));
        if (n.Implements is { } i) _sb.Append(" (implements ").Append(Quote(i)).Append(')');
        if (n.VersionSuffix is { } v) _sb.Append(" (versionsuffix ").Append(Quote(v)).Append(')');
        if (n.ExternalId is { } x) _sb.Append(" (external-id ").Append(Quote(x)).Append(')');
    }

    private static Sort SortOf(ExternKind k) => k switch
    {
        ExternKind.Module => Sort.OfCore(CoreSort.Module),
        ExternKind.Func => Sort.Func,
        ExternKind.Value => Sort.Value,
        ExternKind.Type => Sort.Type,
        ExternKind.Component => Sort.Component,
        _ => Sort.Instance,
    };

    /// <summary>An extern type, with the label of the index it defines when it is an import or export declarator.</summary>
    private void PrintExternType(ExternType t, string? label)
    {
        string L() => label is null ? "" : label + " ";
        switch (t.Kind)
        {
            case ExternKind.Module: _sb.Append("(core module ").Append(L()).Append("(type ").Append(t.Index).Append("))"); break;
            case ExternKind.Func: _sb.Append("(func ").Append(L()).Append("(type ").Append(t.Index).Append("))"); break;
            case ExternKind.Component: _sb.Append("(component ").Append(L()).Append("(type ").Append(t.Index).Append("))"); break;
            case ExternKind.Instance: _sb.Append("(instance ").Append(L()).Append("(type ").Append(t.Index).Append("))"); break;
            case ExternKind.Type:
                _sb.Append("(type ").Append(L());
                if (t.Bound.IsSubResource) _sb.Append("(sub resource))");
                else _sb.Append("(eq ").Append(t.Bound.EqIndex).Append("))");
                break;
            case ExternKind.Value:
                _sb.Append("(value ").Append(L());
                if (t.Value.IsEq) _sb.Append("(eq ").Append(t.Value.EqIndex).Append("))");
                else { PrintValType(t.Value.Type); _sb.Append(')'); }
                break;
        }
    }

    private void PrintCanon(CanonicalFunction f, Scope scope)
    {
        var info = f.Info;
        if (f.Op == CanonOp.Lift)
        {
            _sb.Append("(func ").Append(scope.Define(Sort.Func)).Append(" (type ").Append(f.TypeIndex).Append(") (canon lift (core func ").Append(f.FuncIndex).Append(')');
            PrintOptions(f.Options);
            _sb.Append("))");
            return;
        }
        _sb.Append("(core func ").Append(scope.Define(Sort.OfCore(CoreSort.Func))).Append(" (canon ").Append(info.Name);
        foreach (var imm in info.Immediates)
        {
            switch (imm)
            {
                case CanonImmediate.Func: _sb.Append(" (func ").Append(f.FuncIndex).Append(')'); break;
                case CanonImmediate.Type: _sb.Append(' ').Append(f.TypeIndex); break;
                case CanonImmediate.Options: PrintOptions(f.Options); break;
                case CanonImmediate.ResultList:
                    if (f.Result is { } r) { _sb.Append(" (result "); PrintValType(r); _sb.Append(')'); }
                    break;
                case CanonImmediate.CoreValType: _sb.Append(' ').Append(f.CoreValType.ToText()); break;
                case CanonImmediate.Slot: _sb.Append(' ').Append(f.Slot); break;
                case CanonImmediate.Async: if (f.Async) _sb.Append(" async"); break;
                case CanonImmediate.Cancellable: if (f.Cancellable) _sb.Append(" cancellable"); break;
                case CanonImmediate.Shared: if (f.Shared) _sb.Append(" shared"); break;
                case CanonImmediate.CoreMemory: _sb.Append(" (memory ").Append(f.MemoryIndex).Append(')'); break;
                case CanonImmediate.CoreType: _sb.Append(' ').Append(f.CoreTypeIndex); break;
                case CanonImmediate.CoreTable: _sb.Append(' ').Append(f.TableIndex); break;
                default: throw new InvalidOperationException($"canon immediate {imm} has no text");
            }
        }
        _sb.Append("))");
    }

    private void PrintOptions(IReadOnlyList<CanonOption> options)
    {
        foreach (var o in options)
        {
            _sb.Append(' ');
            _sb.Append(o.Kind switch
            {
                CanonOptionKind.Utf8 => "string-encoding=utf8",
                CanonOptionKind.Utf16 => "string-encoding=utf16",
                CanonOptionKind.Latin1Utf16 => "string-encoding=latin1+utf16",
                CanonOptionKind.Memory => $"(memory {o.Index})",
                CanonOptionKind.Realloc => $"(realloc {o.Index})",
                CanonOptionKind.PostReturn => $"(post-return {o.Index})",
                CanonOptionKind.Async => "async",
                CanonOptionKind.Callback => $"(callback {o.Index})",
                CanonOptionKind.CoreType => $"(core-type {o.Index})",
                _ => "gc",
            });
        }
    }

    /// <summary>An identifier: <c>$name</c> when the name is made of idchars, else the quoted form <c>$"name"</c>.</summary>
    internal static string Id(string name)
    {
        foreach (char c in name)
            if (!IsIdChar(c)) return "$" + Quote(name);
        return name.Length == 0 ? "$\"\"" : "$" + name;
    }

    private static bool IsIdChar(char c) =>
        c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' || "!#$%&'*+-./:<=>?@\\^_`|~".Contains(c);

    internal static string Quote(string s) => Quote(Encoding.UTF8.GetBytes(s));

    /// <summary>A string literal: printable ASCII as is (quote and backslash escaped), other bytes as <c>\hh</c>.</summary>
    internal static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (byte b in bytes)
        {
            if (b == (byte)'"' || b == (byte)'\\') sb.Append('\\').Append((char)b);
            else if (b >= 0x20 && b < 0x7f) sb.Append((char)b);
            else sb.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return sb.Append('"').ToString();
    }
}
