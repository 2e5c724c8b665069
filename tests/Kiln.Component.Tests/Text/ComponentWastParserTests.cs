using Kiln.Component.Text.Wast;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Component.Tests.Text;

public class ComponentWastParserTests
{
    private static List<WastCommand> Script(string text) => WastParser.Parse(text, "t.wast").Commands.ToList();

    private static List<ComponentWastDirective> Directives(string text) =>
        Script(text).OfType<WastComponentCommand>().Select(ComponentWastParser.Parse).ToList();

    [Fact]
    public void ScriptCapturesComponentFormsAndActionsAimedAtComponentsOnly()
    {
        var commands = Script("""
            (module (func (export "f")))
            (invoke "f")
            (component $c)
            (invoke "g" (str.const "x"))
            (module $m (func (export "f")))
            (invoke "f")
            (invoke $c "g")
            (assert_invalid (component (type 9)) "x")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (register "c" $c)
            """);
        Assert.Equal(["WastModuleCommand", "WastActionCommand", "component", "invoke", "WastModuleCommand", "WastActionCommand",
            "invoke", "assert_invalid", "WastAssertInvalid", "register"],
            commands.Select(c => c is WastComponentCommand cc ? cc.Keyword : c.GetType().Name));
        var captured = (WastComponentCommand)commands[3];
        Assert.Equal("(invoke \"g\" (str.const \"x\"))", captured.SourceText);
        Assert.Equal(4, captured.Line);
    }

    [Fact]
    public void DefinitionsInstancesAndModuleFormsParse()
    {
        var d = Directives("""
            (component definition $D (type u8))
            (component instance $i $D)
            (component $c binary "\00asm" "\0d\00\01\00")
            (assert_malformed (component quote "(import \"a\"" "(frob))") "unexpected")
            (assert_malformed (component (frob)) "expected valid component field")
            """);
        var def = Assert.IsType<ComponentWastDefine>(d[0]);
        Assert.True(def.IsDefinitionOnly);
        Assert.Equal("D", def.Component.Component!.Names!.ComponentName);
        var inst = Assert.IsType<ComponentWastInstance>(d[1]);
        Assert.Equal(("$i", "$D"), (inst.InstanceName, inst.DefinitionName));
        var bin = Assert.IsType<ComponentWastDefine>(d[2]).Component;
        Assert.Equal((ComponentWastModuleKind.Binary, 8), (bin.Kind, bin.Binary!.Length));
        var quote = Assert.IsType<ComponentWastAssertModule>(d[3]).Component;
        Assert.Equal("(component(import \"a\" (frob)) )", quote.QuoteText());
        Assert.Throws<WatParseException>(() => quote.ParseQuote());
        var text = Assert.IsType<ComponentWastAssertModule>(d[4]);
        Assert.Equal("expected valid component field", text.Component.TextError!.Reason);
    }

    [Fact]
    public void ComponentValuesFollowWasmtimesSyntax()
    {
        var d = Directives("""
            (component)
            (assert_return (invoke "f" (s8.const -1) (u64.const 0xffffffffffffffff) (char.const "☃") (bool.const true) (f32.const 1.5))
              (record.const (field "a" u32.const 7) (field "b" (list.const (u8.const 1))))
              (variant.const "c" (tuple.const (enum.const "e") (option.none) (option.some (str.const "s"))))
              (result.ok) (result.err (flags.const "x" "y")))
            """);
        var a = Assert.IsType<ComponentWastActionDirective>(d[1]);
        var args = a.Action.Args;
        Assert.Equal(ulong.MaxValue, args[0].Bits); // sign-extended
        Assert.Equal(ulong.MaxValue, args[1].Bits);
        Assert.Equal(0x2603ul, args[2].Bits);
        Assert.Equal(1ul, args[3].Bits);
        Assert.Equal((ulong)BitConverter.SingleToUInt32Bits(1.5f), args[4].Bits);
        var rec = a.Expected[0];
        Assert.Equal((ComponentWastValueKind.Record, 7ul), (rec.Kind, rec.Items[0].Bits));
        Assert.Equal(["a", "b"], rec.Labels);
        Assert.Equal(ComponentWastValueKind.List, rec.Items[1].Kind);
        var variant = a.Expected[1];
        Assert.Equal(("c", 3), (variant.Text, variant.Items[0].Items.Count));
        Assert.True(a.Expected[2].IsOk);
        Assert.Equal(["x", "y"], a.Expected[3].Items[0].Labels);
        Assert.Equal("(record.const (field \"a\" (u32.const 7)) (field \"b\" (list.const (u8.const 1))))", rec.ToString());
    }

    [Theory]
    [InlineData("(component) (invoke \"f\" (u8.const 256))", "constant out of range")]
    [InlineData("(component) (invoke \"f\" (char.const \"ab\"))", "more than one character")]
    [InlineData("(component) (invoke \"f\" (frob.const 1))", "expected a [type].const expression")]
    public void BadValuesAreTypedErrors(string text, string reason)
    {
        var command = Script(text).OfType<WastComponentCommand>().Last();
        Assert.Equal(reason, Assert.Throws<WatParseException>(() => ComponentWastParser.Parse(command)).Reason);
    }
}

public class DirectiveCounterTests
{
    /// <summary>The suite's independent count must not be fooled by parentheses in strings or comments.</summary>
    [Fact]
    public void CountsTopLevelFormsOnly()
    {
        const string text = """
            ;; (not a form)
            (component (type u8)) (; (nor this (nested)) ;)
            (assert_invalid (component) "a ) paren \" in a string (")
            (@annotation (x))
            (invoke "f")
            """;
        Assert.Equal(3, TextSuiteTests.CountTopLevelForms(text));
    }
}
