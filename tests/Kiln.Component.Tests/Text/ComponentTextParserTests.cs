using Kiln.Component.Model;
using Kiln.Component.Text;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;

namespace Kiln.Component.Tests.Text;

/// <summary>One construct per test; where wasm-tools desugars, the expected shape is what <c>jco parse</c>
/// (wasm-tools, jco 1.35) produced for the same text, checked by hand with <c>jco print</c>.</summary>
public class ComponentTextParserTests
{
    private static WasmComponent Parse(string text) => ComponentTextParser.Parse(text);

    private static List<ComponentSectionId> Ids(WasmComponent c) => c.Sections.Select(s => s.Id).ToList();

    [Fact]
    public void EmptyComponentHasNoSectionsAndNoNames()
    {
        var c = Parse("(component)");
        Assert.Empty(c.Sections);
        Assert.Null(c.Names);
    }

    [Fact]
    public void BareFieldsAreAComponentWithoutTheWrapper()
    {
        var c = Parse("(type u32) (type string)");
        var types = Assert.IsType<TypeSection>(Assert.Single(c.Sections)).Items;
        Assert.Equal([PrimValType.U32, PrimValType.String], types.Cast<PrimitiveDefinedType>().Select(t => t.Type));
    }

    [Fact]
    public void NestedCoreModuleGoesThroughTheCoreParserWithItsName()
    {
        var c = Parse("(component (core module $m (func (export \"f\") (result i32) i32.const 7)))");
        var m = Assert.IsType<CoreModuleSection>(Assert.Single(c.Sections));
        Assert.Equal("f", Assert.Single(m.Module.Exports).Name);
        Assert.Equal("m", m.Module.Names!.ModuleName);
        Assert.Equal("m", c.Names!.NameOf(Sort.OfCore(CoreSort.Module), 0));
    }

    [Fact]
    public void InlineCoreExportBecomesAnAliasBeforeTheLift()
    {
        // (func (canon lift (core func $i "f"))): the function type, then the alias, then the lift; the
        // inline export is appended after every field.
        var c = Parse("""
            (component
              (core module $m (func (export "f")))
              (core instance $i (instantiate $m))
              (func $g (export "g") (canon lift (core func $i "f"))))
            """);
        Assert.Equal([ComponentSectionId.CoreModule, ComponentSectionId.CoreInstance, ComponentSectionId.Type,
            ComponentSectionId.Alias, ComponentSectionId.Canon, ComponentSectionId.Export], Ids(c));
        var ft = Assert.IsType<ComponentFuncType>(c.Items<TypeDefinition>().Single());
        Assert.Empty(ft.Params);
        Assert.Null(ft.Result);
        var alias = c.Items<Alias>().Single();
        Assert.Equal((AliasTarget.CoreInstanceExport, Sort.OfCore(CoreSort.Func), 0u, "f"), (alias.Target, alias.Sort, alias.Instance, alias.Name));
        var lift = c.Items<CanonicalFunction>().Single();
        Assert.Equal((CanonOp.Lift, 0u, 0u), (lift.Op, lift.FuncIndex, lift.TypeIndex));
        var export = c.Items<ComponentExport>().Single();
        Assert.Equal(("g", new SortIndex(Sort.Func, 0), (byte)0), (export.Name.Name, export.Item, export.Name.Form));
    }

    [Fact]
    public void CanonFormVisitsTheTrailingFuncTypeBeforeTheLiftedFunction()
    {
        // wasm-tools expands the (func …) type use before it resolves (core func $i "f"): type first, alias second.
        var c = Parse("""
            (component
              (core module $m (func (export "f") (param i32)))
              (core instance $i (instantiate $m))
              (canon lift (core func $i "f") (func $g (param "x" u32))))
            """);
        Assert.Equal([ComponentSectionId.CoreModule, ComponentSectionId.CoreInstance, ComponentSectionId.Type,
            ComponentSectionId.Alias, ComponentSectionId.Canon], Ids(c));
        Assert.Equal("g", c.Names!.NameOf(Sort.Func, 0));
    }

    [Fact]
    public void InlineValueTypesBecomeFreshTypesInsideOutNeverShared()
    {
        var c = Parse("(component (type $f (func (param \"a\" (list (list u8))) (param \"b\" (list (list u8))))))");
        var types = c.Items<TypeDefinition>().ToList();
        Assert.Equal(5, types.Count);
        Assert.Equal(ComponentValType.Of(PrimValType.U8), Assert.IsType<ListType>(types[0]).Element);
        Assert.Equal(ComponentValType.Ref(0), Assert.IsType<ListType>(types[1]).Element);
        Assert.Equal(ComponentValType.Ref(2), Assert.IsType<ListType>(types[3]).Element);
        var f = Assert.IsType<ComponentFuncType>(types[4]);
        Assert.Equal([ComponentValType.Ref(1), ComponentValType.Ref(3)], f.Params.Select(p => p.Type));
        Assert.Equal("f", c.Names!.NameOf(Sort.Type, 4));
    }

    [Fact]
    public void EveryDefinedTypeConstructorParses()
    {
        var c = Parse("""
            (component
              (type $r (resource (rep i32)))
              (type (record (field "a" u32) (field "b" string)))
              (type (variant (case "none") (case $s "some" u32)))
              (type (list u8 4))
              (type (tuple u8 s64))
              (type (flags "x" "y"))
              (type (enum "p" "q"))
              (type (option char))
              (type (result u32 (error string)))
              (type (result))
              (type (own $r))
              (type (borrow $r))
              (type (stream u8))
              (type (future))
              (type (map string u32))
              (type error-context)
              (type (func async (param "x" f32) (result f64))))
            """);
        var t = c.Items<TypeDefinition>().ToList();
        Assert.Equal(ValType.I32, Assert.IsType<ResourceTypeDefinition>(t[0]).Representation);
        Assert.Equal(["a", "b"], Assert.IsType<RecordType>(t[1]).Fields.Select(f => f.Label));
        Assert.Equal([null, ComponentValType.Of(PrimValType.U32)], Assert.IsType<VariantType>(t[2]).Cases.Select(k => k.Type));
        Assert.Equal(4u, Assert.IsType<FixedListType>(t[3]).Length);
        Assert.Equal(2, Assert.IsType<TupleType>(t[4]).Types.Count);
        Assert.Equal(["x", "y"], Assert.IsType<FlagsType>(t[5]).Names);
        Assert.Equal(["p", "q"], Assert.IsType<EnumType>(t[6]).Names);
        Assert.Equal(ComponentValType.Of(PrimValType.Char), Assert.IsType<OptionType>(t[7]).Type);
        var result = Assert.IsType<ResultType>(t[8]);
        Assert.Equal((ComponentValType.Of(PrimValType.U32), ComponentValType.Of(PrimValType.String)), (result.Ok!.Value, result.Error!.Value));
        Assert.Equal((null, null), (Assert.IsType<ResultType>(t[9]).Ok, Assert.IsType<ResultType>(t[9]).Error));
        Assert.Equal(0u, Assert.IsType<OwnType>(t[10]).ResourceIndex);
        Assert.Equal(0u, Assert.IsType<BorrowType>(t[11]).ResourceIndex);
        Assert.Equal(ComponentValType.Of(PrimValType.U8), Assert.IsType<StreamType>(t[12]).Element);
        Assert.Null(Assert.IsType<FutureType>(t[13]).Element);
        Assert.Equal(ComponentValType.Of(PrimValType.U32), Assert.IsType<MapType>(t[14]).Value);
        Assert.Equal(PrimValType.ErrorContext, Assert.IsType<PrimitiveDefinedType>(t[15]).Type);
        Assert.True(Assert.IsType<ComponentFuncType>(t[16]).Async);
    }

    [Fact]
    public void InlineImportOfAnInstanceTypeDefinesTheTypeThenImports()
    {
        var c = Parse("(component (instance $i (import \"x\") (export \"f\" (func (param \"a\" (list u8))))))");
        var type = Assert.IsType<InstanceTypeDefinition>(c.Items<TypeDefinition>().Single());
        Assert.Equal(3, type.Declarations.Count); // list, func type, export
        Assert.IsType<ExportDeclaration>(type.Declarations[2]);
        var import = c.Items<ComponentImport>().Single();
        Assert.Equal((ExternKind.Instance, 0u), (import.Type.Kind, import.Type.Index));
        Assert.Equal("i", c.Names!.NameOf(Sort.Instance, 0));
    }

    [Fact]
    public void AnIdentifierOfAnEnclosingScopeIsAFreshOuterAliasAtEveryUse()
    {
        // jco: (alias outer 1 $R (type)) before each (borrow …), none reused.
        var c = Parse("""
            (component
              (type $R (resource (rep i32)))
              (import "d" (instance
                (export "a" (func (param "self" (borrow $R))))
                (export "b" (func (param "self" (borrow $R)))))))
            """);
        var decls = Assert.IsType<InstanceTypeDefinition>(c.Items<TypeDefinition>().Last()).Declarations;
        var aliases = decls.OfType<AliasDeclaration>().Select(d => d.Alias).ToList();
        Assert.Equal(2, aliases.Count);
        Assert.All(aliases, a => Assert.Equal((AliasTarget.Outer, Sort.Type, 1u, 0u), (a.Target, a.Sort, a.Count, a.Index)));
        // alias, borrow, func, export — twice; the second borrow names the second alias (type 3).
        Assert.IsType<AliasDeclaration>(decls[0]);
        Assert.IsType<AliasDeclaration>(decls[4]);
        Assert.Equal(3u, Assert.IsType<BorrowType>(Assert.IsType<TypeDefinitionDeclaration>(decls[5]).Type).ResourceIndex);
    }

    [Fact]
    public void ImplicitOuterAliasOfAFunctionIsMalformedInWasmToolsWords()
    {
        var e = Assert.Throws<WatParseException>(() => Parse("(component (import \"x\" (func $x)) (component (export \"x\" (func $x))))"));
        Assert.Equal("outer item `x` is not a module, type, or component", e.Reason);
        Assert.Equal((1, 64), (e.Line, e.Column)); // the second $x
    }

    [Fact]
    public void ExplicitOuterAliasByNameCountsScopes()
    {
        var c = Parse("(component $C (type $t u8) (component (alias outer $C $t (type $u)) (export \"u\" (type $u))))");
        var nested = Assert.IsType<NestedComponentSection>(c.Sections[1]).Component;
        var alias = nested.Items<Alias>().Single();
        Assert.Equal((1u, 0u), (alias.Count, alias.Index));
        Assert.Equal("u", nested.Names!.NameOf(Sort.Type, 0));
        Assert.Equal("C", c.Names!.ComponentName);
    }

    [Fact]
    public void ExportPathsAliasInstanceByInstance()
    {
        var c = Parse("(component (import \"i\" (instance $i (export \"a\" (instance (export \"b\" (func)))))) (export \"f\" (func $i \"a\" \"b\")))");
        var aliases = c.Items<Alias>().ToList();
        Assert.Equal([(Sort.Instance, 0u, "a"), (Sort.Func, 1u, "b")], aliases.Select(a => (a.Sort, a.Instance, a.Name)));
        Assert.Equal(new SortIndex(Sort.Func, 0), c.Items<ComponentExport>().Single().Item);
    }

    [Fact]
    public void BundlesOfExportsInInstantiateBecomeInstancesFirst()
    {
        var c = Parse("""
            (component
              (core module $m (import "a" "f" (func)))
              (core module $n (func (export "f")))
              (core instance $j (instantiate $n))
              (core instance (instantiate $m (with "a" (instance (export "f" (func $j "f")))))))
            """);
        var instances = c.Items<CoreInstance>().ToList();
        var bundle = Assert.IsType<CoreInlineExports>(instances[1]);
        Assert.Equal(("f", CoreSort.Func, 0u), (bundle.Exports[0].Name, bundle.Exports[0].Sort, bundle.Exports[0].Index));
        var inst = Assert.IsType<CoreInstantiate>(instances[2]);
        Assert.Equal((0u, "a", 1u), (inst.ModuleIndex, inst.Args[0].Name, inst.Args[0].Index));
        Assert.Equal([ComponentSectionId.CoreModule, ComponentSectionId.CoreModule, ComponentSectionId.CoreInstance,
            ComponentSectionId.Alias, ComponentSectionId.CoreInstance], Ids(c));
    }

    [Fact]
    public void ExportTypeAscriptionIsExpandedBeforeTheItem()
    {
        var c = Parse("(component (import \"i\" (instance $i (export \"f\" (func)))) (export \"f\" (func $i \"f\") (func)))");
        Assert.Equal([ComponentSectionId.Type, ComponentSectionId.Import, ComponentSectionId.Type, ComponentSectionId.Alias, ComponentSectionId.Export], Ids(c));
        Assert.Equal(new ExternType(ExternKind.Func, 1), c.Items<ComponentExport>().Single().Type);
    }

    [Fact]
    public void CanonicalOptionsAndBuiltinsFollowTheTable()
    {
        var c = Parse("""
            (component
              (core module $m (memory (export "mem") 1) (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
              (core instance $i (instantiate $m))
              (type $s (stream u8))
              (import "f" (func $f (param "s" string)))
              (core func (canon lower (func $f) string-encoding=utf16 (memory $i "mem") (realloc (func $i "realloc")) async))
              (core func (canon stream.read $s async (memory (core memory $i "mem"))))
              (core func (canon context.get i32 0))
              (core func (canon subtask.cancel async))
              (core func (canon waitable-set.wait cancellable (memory $i "mem")))
              (core func (canon task.return (result (list u8)) (memory $i "mem"))))
            """);
        var canons = c.Items<CanonicalFunction>().ToList();
        Assert.Equal([CanonOptionKind.Utf16, CanonOptionKind.Memory, CanonOptionKind.Realloc, CanonOptionKind.Async], canons[0].Options.Select(o => o.Kind));
        Assert.Equal((CanonOp.StreamRead, 0u), (canons[1].Op, canons[1].TypeIndex));
        Assert.Equal((CanonOp.ContextGet, ValType.I32, 0u), (canons[2].Op, canons[2].CoreValType, canons[2].Slot));
        Assert.True(canons[3].Async);
        Assert.True(canons[4].Cancellable);
        Assert.Equal(CanonOp.TaskReturn, canons[5].Op);
        Assert.False(canons[5].Result!.Value.IsPrimitive);
    }

    [Fact]
    public void ModuleTypesDeduplicateAgainstExplicitTypesOnly()
    {
        var c = Parse("""
            (component (core type (module
              (type $ft (func))
              (import "a" "b" (func (type $ft)))
              (import "a" "c" (func))
              (export "f" (func (param i32)))
              (export "g" (func (param i32)))
              (export "m" (memory 1))
              (alias outer 1 0 (type)))))
            """);
        var decls = Assert.IsType<CoreModuleTypeDefinition>(c.Items<CoreTypeDefinition>().Single()).Declarations;
        var imports = decls.OfType<ModuleImportDeclaration>().ToList();
        Assert.Equal([0u, 0u], imports.Select(i => i.Type.TypeIndex));
        var exports = decls.OfType<ModuleExportDeclaration>().ToList();
        Assert.Equal([1u, 2u], exports.Take(2).Select(e => e.Type.TypeIndex));
        Assert.Equal(CoreSort.Memory, exports[2].Type.Kind);
        Assert.IsType<ModuleOuterAliasDeclaration>(decls[^1]);
    }

    [Fact]
    public void ImportNamesCarryAttributesAndTheirForm()
    {
        var c = Parse("(component (import (interface \"a:b/c\") (implements \"a:b/d\") (versionsuffix \"1\") (external-id \"x\") (instance)))");
        var name = c.Items<ComponentImport>().Single().Name;
        Assert.Equal(("a:b/c", "a:b/d", "1", "x", (byte)0x02), (name.Name, name.Implements, name.VersionSuffix, name.ExternalId, name.Form));
    }

    [Fact]
    public void InlineExportsAreAppendedAfterEveryField()
    {
        var c = Parse("(component (type $a (export \"a\") u8) (type $b u16))");
        Assert.Equal([ComponentSectionId.Type, ComponentSectionId.Export], Ids(c));
        Assert.Equal(new SortIndex(Sort.Type, 0), c.Items<ComponentExport>().Single().Item);
    }

    [Fact]
    public void StartAndValueImportsRegisterValues()
    {
        var c = Parse("(component (import \"v\" (value $v u32)) (import \"f\" (func $f (param \"x\" u32) (result u32))) (start $f (value $v) (result (value $r))) (export \"r\" (value $r)))");
        var start = Assert.IsType<StartSection>(c.Sections.Single(s => s.Id == ComponentSectionId.Start)).Start;
        Assert.Equal((0u, 1u), (start.FuncIndex, start.ResultCount));
        Assert.Equal(new SortIndex(Sort.Value, 1), c.Items<ComponentExport>().Single().Item);
    }

    [Theory]
    [InlineData("(component (type $t u8) (type $t u8))", "duplicate type identifier")]
    [InlineData("(component (export \"x\" (func $nope)))", "unknown func: failed to find name `$nope`")]
    [InlineData("(component (frob))", "expected valid component field")]
    [InlineData("(component (import \"a\" (implements \"a:b/c\") (implements \"a:b/c\") (instance)))", "unexpected token implements")]
    [InlineData("(component (alias outer $nope 0 (type)))", "outer component `nope` not found")]
    public void MalformedTextIsATypedErrorWithAPlace(string text, string reason)
    {
        var e = Assert.Throws<WatParseException>(() => Parse(text));
        Assert.Equal(reason, e.Reason);
        Assert.True(e.Line == 1 && e.Column > 1, $"{e.Line}:{e.Column}");
    }

    [Fact]
    public void DeepNestingIsRefusedNotAStackOverflow()
    {
        string text = "(component (type " + string.Concat(Enumerable.Repeat("(list ", 5000)) + "u8" + new string(')', 5000) + "))";
        var e = Assert.Throws<WatParseException>(() => Parse(text));
        Assert.Equal("nesting too deep", e.Reason);
    }
}
