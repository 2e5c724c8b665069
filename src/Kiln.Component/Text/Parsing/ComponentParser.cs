using Kiln.Component.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Parsing;

namespace Kiln.Component.Text.Parsing;

/// <summary>
/// Parses the component text format into the <see cref="WasmComponent"/> model, desugaring as wasm-tools'
/// <c>wast</c> crate does so that the binary agrees with <c>jco parse</c>: an inline type (a non-primitive
/// value type, an inline function/component/instance/module type) becomes a fresh type definition just before
/// the definition that uses it (never shared); a reference through instance exports (<c>(func $i "a" "b")</c>,
/// <c>(core func $i "f")</c>) becomes aliases just before the definition; an identifier found only in an
/// enclosing component becomes an <c>alias outer</c>; inline exports are appended after every field;
/// inline imports become imports. Resolution is one pass in order (nothing refers forward), so definitions
/// are emitted as they complete. Where wasm-tools expands a definition's inline parts before resolving its
/// references, the parser visits those parts first by moving the cursor (<c>canon lift … (func …)</c>,
/// instantiation arguments that are bundles of exports, export type ascriptions).
/// </summary>
internal sealed partial class ComponentParser : TokenCursor
{
    /// <summary>Nested components, types and values deeper than this are refused rather than risking the stack.</summary>
    private const int MaxDepth = 500;

    private readonly List<ComponentScope> _scopes = [];
    private int _depth;

    private ComponentParser(Token[] tokens, int position) : base(tokens, position) { }

    private ComponentScope Current => _scopes[^1];

    /// <summary>Parses <c>(component $id? field*)</c> at <paramref name="position"/>; moves it just past the form.</summary>
    public static WasmComponent ParseComponentForm(Token[] tokens, ref int position)
    {
        var p = new ComponentParser(tokens, position);
        p.ExpectField("component");
        var id = p.TryIdToken();
        var c = p.ParseBody(id?.Text);
        p.ExpectRParen();
        position = p.Position;
        return c;
    }

    /// <summary>Parses <c>field*</c> up to (not past) a closing parenthesis or the end of input.</summary>
    public static WasmComponent ParseComponentBody(Token[] tokens, ref int position, string? id)
    {
        var p = new ComponentParser(tokens, position);
        var c = p.ParseBody(id);
        position = p.Position;
        return c;
    }

    private WasmComponent ParseBody(string? id)
    {
        EnterNesting(Peek());
        var scope = new ComponentBodyScope(id);
        _scopes.Add(scope);
        while (AtLParen) ParseField(scope);
        if (!AtRParen && Peek().Kind != TokenKind.Eof) throw Unexpected(Peek());
        foreach (var (export, at) in scope.InlineExports)
        {
            scope.Add(export);
            scope.Register(Namespaces.Of(export.Item.Sort), null);
        }
        scope.Component.Names = scope.BuildNames();
        _scopes.RemoveAt(_scopes.Count - 1);
        _depth--;
        return scope.Component;
    }

    private void EnterNesting(Token at)
    {
        if (++_depth > MaxDepth) throw Error(at, "nesting too deep");
    }

    private void ParseField(ComponentBodyScope scope)
    {
        var open = Peek();
        var kw = Peek(1);
        if (kw.Kind != TokenKind.Keyword) throw Error(kw, "expected valid component field");
        if (kw.Text == "core")
        {
            var second = Peek(2);
            switch (second.Kind == TokenKind.Keyword ? second.Text : "")
            {
                case "module": ParseCoreModule(scope); return;
                case "instance": ParseCoreInstance(scope); return;
                case "type": ParseCoreTypeField(); return;
                case "func": ParseCoreFunc(scope); return;
                case "rec": throw Error(second, "core rec groups (GC types) are not supported");
                default: throw Error(second, "expected valid component field");
            }
        }
        switch (kw.Text)
        {
            case "component": ParseNestedComponent(scope); return;
            case "instance": ParseInstance(scope); return;
            case "alias": ParseAliasField(); return;
            case "type": ParseTypeField(allowInlineExports: true); return;
            case "import": ParseImport(); return;
            case "func": ParseFunc(scope); return;
            case "export": ParseExport(scope); return;
            case "start": ParseStart(scope); return;
            case "canon": ParseCanonField(scope); return;
            default: throw Error(open, "expected valid component field");
        }
    }

    // ---------------------------------------------------------------- emission helpers

    /// <summary>Adds an item to the current component and registers it (with <paramref name="id"/>) in <paramref name="ns"/>.</summary>
    private uint Define(ComponentBodyScope scope, ComponentItem item, Namespace ns, Token? id)
    {
        scope.Add(item);
        return scope.Register(ns, id);
    }

    private uint DefineType(TypeDefinition type, Token at, Token? id = null)
    {
        Current.AddType(type, at);
        return Current.Register(Namespace.Type, id);
    }

    private uint DefineCoreType(CoreTypeDefinition type, Token at, Token? id = null)
    {
        Current.AddCoreType(type, at);
        return Current.Register(Namespace.CoreType, id);
    }

    private uint DefineAlias(Alias alias, Token at, Token? id)
    {
        Current.AddAlias(alias, at);
        return Current.Register(Namespaces.Of(alias.Sort), id);
    }

    /// <summary>Queues <c>(export "n" (sort i))</c> for each inline export name; they are appended after every field.</summary>
    private static void AppendInlineExports(ComponentBodyScope scope, List<(ExternName Name, Token At)> names, Sort sort, uint index)
    {
        foreach (var (name, at) in names)
            scope.InlineExports.Add((new ComponentExport(name, new SortIndex(sort, index), null), at));
    }

    private ComponentBodyScope RequireComponent(Token at, string what) =>
        Current as ComponentBodyScope ?? throw Error(at, $"{what} is only allowed in a component");
}
