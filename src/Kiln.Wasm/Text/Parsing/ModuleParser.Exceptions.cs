using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

// Exception handling (Wasm 3.0): the tag field, try_table with its catch clauses, and (ref null exn).
internal sealed partial class ModuleParser
{
    /// <summary><c>(tag $id? (export "n")* (import "m" "n")? typeuse)</c> after the keyword.</summary>
    private void DefineTag(Field f)
    {
        TryIdToken();
        ParseInlineExports(ExternalKind.Tag, f.Index);
        var imp = ParseInlineImport();
        uint type = ParseTypeUse(allowParamIds: false, out _, out _);
        ExpectRParen();
        if (imp is { } i) _m.Imports.Add(new Import(i.Module, i.Name, ExternalKind.Tag) { FuncTypeIndex = type });
        else _m.Tags.Add(type);
    }

    /// <summary><c>try_table label? blocktype catch* instr*</c> then <c>end</c> (plain) or <c>)</c> (folded).</summary>
    private void ParseTryTable(FuncContext c, bool folded)
    {
        var label = TryId();
        var bt = ParseBlockType();
        var catches = new List<CatchClause>();
        // Catch labels are resolved outside the try_table's own label.
        while (AtLParen && Peek(1).Kind == TokenKind.Keyword && Peek(1).Text is "catch" or "catch_ref" or "catch_all" or "catch_all_ref")
        {
            ExpectLParen();
            var kw = Next();
            var kind = kw.Text switch
            {
                "catch" => CatchKind.Catch,
                "catch_ref" => CatchKind.CatchRef,
                "catch_all" => CatchKind.CatchAll,
                _ => CatchKind.CatchAllRef,
            };
            uint tag = kind is CatchKind.Catch or CatchKind.CatchRef ? _tags.Resolve(Next()) : 0;
            catches.Add(new CatchClause(kind, tag, ResolveLabel(c, Next())));
            ExpectRParen();
        }
        c.Code.TryTable(bt, catches.ToArray());
        c.Labels.Add(label);
        ParseInstructions(c);
        if (folded)
        {
            ExpectRParen();
        }
        else
        {
            ExpectKeyword("end");
            CheckEndLabel(label);
        }
        c.Labels.RemoveAt(c.Labels.Count - 1);
        c.Code.End();
    }

    /// <summary><c>(ref null ht)</c> for the heap types Kiln has: func, extern, exn. Non-nullable references
    /// need the function-references proposal, which Kiln does not implement.</summary>
    private ValType ParseRefForm()
    {
        ExpectField("ref");
        var t = Next();
        if (!t.IsKeyword("null")) throw Error(t, "non-nullable reference types are not supported");
        var h = Next();
        var type = h.Kind == TokenKind.Keyword ? h.Text switch
        {
            "func" => ValType.FuncRef,
            "extern" => ValType.ExternRef,
            "exn" => ValType.ExnRef,
            _ => (ValType)0,
        } : (ValType)0;
        if (type == 0) throw Unexpected(h);
        ExpectRParen();
        return type;
    }
}
