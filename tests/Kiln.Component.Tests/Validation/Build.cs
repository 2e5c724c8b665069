using Kiln.Component.Model;
using Kiln.Component.Validation;
using Kiln.Wasm.Text;

namespace Kiln.Component.Tests.Validation;

/// <summary>Terse constructors for hand-built components, so each test reads like the text it stands for.</summary>
internal static class Build
{
    public static WasmComponent Comp(params ComponentSection[] sections)
    {
        var c = new WasmComponent();
        c.Sections.AddRange(sections);
        return c;
    }

    public static CoreModuleSection Module(string wat) => new(WatParser.ParseModule(wat), ReadOnlyMemory<byte>.Empty);

    public static NestedComponentSection Nested(params ComponentSection[] sections) => new(Comp(sections));

    public static TypeSection Types(params TypeDefinition[] types) { var s = new TypeSection(); s.Items.AddRange(types); return s; }
    public static CoreTypeSection CoreTypes(params CoreTypeDefinition[] types) { var s = new CoreTypeSection(); s.Items.AddRange(types); return s; }
    public static ImportSection Imports(params ComponentImport[] items) { var s = new ImportSection(); s.Items.AddRange(items); return s; }
    public static ExportSection Exports(params ComponentExport[] items) { var s = new ExportSection(); s.Items.AddRange(items); return s; }
    public static AliasSection Aliases(params Alias[] items) { var s = new AliasSection(); s.Items.AddRange(items); return s; }
    public static CanonSection Canons(params CanonicalFunction[] items) { var s = new CanonSection(); s.Items.AddRange(items); return s; }
    public static InstanceSection Instances(params ComponentInstanceDefinition[] items) { var s = new InstanceSection(); s.Items.AddRange(items); return s; }
    public static CoreInstanceSection CoreInstances(params CoreInstance[] items) { var s = new CoreInstanceSection(); s.Items.AddRange(items); return s; }

    public static ComponentValType U32 => ComponentValType.Of(PrimValType.U32);
    public static ComponentValType Str => ComponentValType.Of(PrimValType.String);
    public static ComponentValType T(uint index) => ComponentValType.Ref(index);

    public static ComponentFuncType Func(params (string Name, ComponentValType Type)[] ps) =>
        new([.. ps.Select(p => new LabeledType(p.Name, p.Type))], null);
    public static ComponentFuncType FuncResult(ComponentValType result, params (string Name, ComponentValType Type)[] ps) =>
        new([.. ps.Select(p => new LabeledType(p.Name, p.Type))], result);

    public static ComponentImport Import(string name, ExternType type) => new(new ExternName(name), type);
    public static ComponentExport Export(string name, Sort sort, uint index, ExternType? type = null) =>
        new(new ExternName(name), new SortIndex(sort, index), type);
    public static ExternType FuncT(uint typeIndex) => new(ExternKind.Func, typeIndex);
    public static ExternType InstanceT(uint typeIndex) => new(ExternKind.Instance, typeIndex);
    public static ExternType ComponentT(uint typeIndex) => new(ExternKind.Component, typeIndex);
    public static ExternType SubResource => ExternType.OfType(TypeBound.SubResource);
    public static ExternType TypeEq(uint index) => ExternType.OfType(TypeBound.Eq(index));

    public static CoreInstantiate CoreInstantiate(uint module, params (string Name, uint Instance)[] args) =>
        new(module, [.. args.Select(a => new CoreInstantiateArg(a.Name, CoreSort.Instance, a.Instance))]);
    public static ComponentInstantiate Instantiate(uint component, params (string Name, Sort Sort, uint Index)[] args) =>
        new(component, [.. args.Select(a => new InstantiateArg(a.Name, new SortIndex(a.Sort, a.Index)))]);

    public static Sort CoreFunc => Sort.OfCore(CoreSort.Func);
    public static Sort CoreMemory => Sort.OfCore(CoreSort.Memory);

    /// <summary>The validator's reason for rejecting <paramref name="c"/> (fails the test when it is accepted).</summary>
    public static string Invalid(WasmComponent c) => Assert.Throws<ComponentValidationException>(() => ComponentValidator.Validate(c)).Reason;

    public static void Valid(WasmComponent c) => ComponentValidator.Validate(c);

    /// <summary>A core module exporting a memory "mem", realloc "realloc" and the functions given in WAT.</summary>
    public static CoreModuleSection Libc(string funcs = "") => Module($$"""
        (module
          (memory (export "mem") 1)
          (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
          {{funcs}})
        """);
}
