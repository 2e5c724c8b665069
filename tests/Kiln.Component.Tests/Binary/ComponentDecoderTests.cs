using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Binary.Bytes;

namespace Kiln.Component.Tests.Binary;

public class ComponentDecoderTests
{
    private static ComponentDecodeException Malformed(byte[] bytes) => Assert.Throws<ComponentDecodeException>(() => ComponentDecoder.Decode(bytes));

    [Fact]
    public void PreambleAloneIsAnEmptyComponent()
    {
        var c = ComponentDecoder.Decode(Preamble);
        Assert.Empty(c.Sections);
        Assert.Null(c.Names);
    }

    [Theory]
    [InlineData(new byte[0], "unexpected end-of-file")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 }, "unexpected end-of-file")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01 }, "unexpected end-of-file")]
    [InlineData(new byte[] { 0x01, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00 }, "magic header not detected: bad magic number")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00 }, "unknown binary version: 0x0001000e")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 }, "expected a version header for a component")]
    public void BadPreamblesAreMalformed(byte[] bytes, string reason) => Assert.Equal(reason, Malformed(bytes).Reason);

    [Fact]
    public void SectionIdPastValueIsMalformedAtItsOffset()
    {
        var e = Malformed(ComponentOf(B(0x0d, 0x00)));
        Assert.Equal("malformed section id", e.Reason);
        Assert.Equal(8, e.Offset);
    }

    [Fact]
    public void SectionLongerThanTheInputIsEndOfFile() =>
        Assert.Equal("unexpected end-of-file", Malformed(ComponentOf(B(0x07, 0x03, 0x00))).Reason);

    [Fact]
    public void TrailingBytesInASectionAreASizeMismatch() =>
        Assert.Equal("section size mismatch: unexpected data at the end of the section",
            Malformed(ComponentOf(Section(7, B(0x01, 0x73, 0x73)))).Reason);

    [Fact]
    public void HostileCountFailsBeforeAllocating()
    {
        // 2^32-1 types in a 6-byte section: refused by the count check, not by running out while filling a list.
        var e = Malformed(ComponentOf(Section(7, B(0xff, 0xff, 0xff, 0xff, 0x0f, 0x73))));
        Assert.Equal("unexpected end-of-file", e.Reason);
        Assert.Equal(15, e.Offset); // after the count's five bytes, inside the type section at 10
    }

    [Fact]
    public void OverlongSectionSizeIsTooLarge() =>
        Assert.Equal("invalid var_u32: integer too large", Malformed(ComponentOf(B(0x07, 0x81, 0x80, 0x80, 0x80, 0x70, 0x00))).Reason);

    [Fact]
    public void PaddedLebIsAccepted() => Assert.Single(ComponentDecoder.Decode(ComponentOf(B(0x07, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00))).Sections);

    [Fact]
    public void EveryDefinedTypeConstructorDecodes()
    {
        var c = ComponentDecoder.Decode(ComponentOf(Vec(7,
            B(0x3f, 0x7f, 0x00),                                  // 0 (resource (rep i32))
            [0x72, 0x02, .. Name("a"), 0x7f, .. Name("b"), 0x7d],   // 1 record
            [0x71, 0x02, .. Name("x"), 0x01, 0x7e, 0x00, .. Name("y"), 0x00, 0x00], // 2 variant
            B(0x70, 0x7b),                                        // 3 list u16
            B(0x67, 0x7d, 0x03),                                  // 4 (list u8 3)
            B(0x6f, 0x02, 0x7c, 0x79),                            // 5 tuple
            [0x6e, 0x02, .. Name("f1"), .. Name("f2")],             // 6 flags
            [0x6d, 0x01, .. Name("e1")],                           // 7 enum
            B(0x6b, 0x7a),                                        // 8 option
            B(0x6a, 0x01, 0x76, 0x01, 0x75),                      // 9 result f32 (error f64)
            B(0x69, 0x00), B(0x68, 0x00),                         // 10 own, 11 borrow
            B(0x66, 0x01, 0x7d), B(0x65, 0x00),                   // 12 stream u8, 13 future
            B(0x63, 0x73, 0x79),                                  // 14 map string u32
            B(0x64),                                              // 15 error-context
            B(0x70, 0x02),                                        // 16 list of type 2
            B(0x40, 0x00, 0x01, 0x00),                            // 17 func
            [0x43, 0x01, .. Name("p"), 0x7f, 0x00, 0x79])));        // 18 async func (param "p" bool) (result u32)
        var t = ((TypeSection)c.Sections[0]).Items;
        Assert.Equal(19, t.Count);
        Assert.Equal(new ResourceTypeDefinition(ValType.I32, null) { Offset = 11 }, t[0]);
        Assert.Equal(["a", "b"], ((RecordType)t[1]).Fields.Select(f => f.Label));
        var v = (VariantType)t[2];
        Assert.Equal(ComponentValType.Of(PrimValType.S8), v.Cases[0].Type);
        Assert.Null(v.Cases[1].Type);
        Assert.Equal(new FixedListType(ComponentValType.Of(PrimValType.U8), 3), t[4] with { Offset = -1 });
        Assert.Equal(2, ((TupleType)t[5]).Types.Count);
        Assert.Equal(["f1", "f2"], ((FlagsType)t[6]).Names);
        Assert.Equal(["e1"], ((EnumType)t[7]).Names);
        Assert.IsType<OptionType>(t[8]);
        var res = (ResultType)t[9];
        Assert.Equal(ComponentValType.Of(PrimValType.F32), res.Ok);
        Assert.Equal(ComponentValType.Of(PrimValType.F64), res.Error);
        Assert.IsType<OwnType>(t[10]);
        Assert.IsType<BorrowType>(t[11]);
        Assert.Equal(ComponentValType.Of(PrimValType.U8), ((StreamType)t[12]).Element);
        Assert.Null(((FutureType)t[13]).Element);
        Assert.Equal(ComponentValType.Of(PrimValType.U32), ((MapType)t[14]).Value);
        Assert.Equal(PrimValType.ErrorContext, ((PrimitiveDefinedType)t[15]).Type);
        Assert.Equal(ComponentValType.Ref(2), ((ListType)t[16]).Element);
        var f = (ComponentFuncType)t[17];
        Assert.False(f.Async);
        Assert.Null(f.Result);
        var g = (ComponentFuncType)t[18];
        Assert.True(g.Async);
        Assert.Equal("p", g.Params[0].Label);
        Assert.Equal(ComponentValType.Of(PrimValType.U32), g.Result);
    }

    [Theory]
    [InlineData(new byte[] { 0x62 }, "invalid leading byte (0x62) for component defined type")]
    [InlineData(new byte[] { 0x71, 0x01, 0x01, 0x63, 0x00, 0x01 }, "invalid leading byte (0x1) for zero byte required")]
    [InlineData(new byte[] { 0x40, 0x00, 0x01, 0x01 }, "invalid leading byte (0x1) for number of results")]
    [InlineData(new byte[] { 0x40, 0x00, 0x02, 0x00 }, "invalid leading byte (0x2) for component function results")]
    [InlineData(new byte[] { 0x3f, 0x7f, 0x02 }, "invalid leading byte (0x2) for resource destructor")]
    [InlineData(new byte[] { 0x41, 0x01, 0x05, 0x73 }, "invalid leading byte (0x5) for component or instance type declaration")]
    [InlineData(new byte[] { 0x42, 0x01, 0x03, 0x00, 0x01, 0x61, 0x03, 0x01 }, "invalid leading byte (0x3) for component or instance type declaration")]
    [InlineData(new byte[] { 0x6b, 0x80, 0x80, 0x80, 0x80, 0x80 }, "invalid var_s33: integer representation too long")]
    public void MalformedTypesNameTheByte(byte[] type, string reason) =>
        Assert.Equal(reason, Malformed(ComponentOf(Vec(7, type))).Reason);

    [Fact]
    public void FlagsBeyondTheReaderLimitAreRefusedBeforeReadingThem()
    {
        var e = Malformed(ComponentOf(Section(7, [0x01, 0x6e, .. U32(1001), .. Enumerable.Repeat((byte)0, 1001)])));
        Assert.Equal("flag names size is out of bounds", e.Reason);
    }

    [Fact]
    public void ComponentAndInstanceTypesKeepTheirDeclarators()
    {
        var c = ComponentDecoder.Decode(ComponentOf(Vec(7,
            [0x41, 0x05,
                0x00, 0x60, 0x00, 0x00,                               // core type
                0x01, 0x73,                                           // type string
                0x02, 0x03, 0x02, 0x01, 0x00,                         // alias outer 1 0 type
                0x03, 0x00, .. Name("a"), 0x03, 0x00, 0x00,           // import "a" (type (eq 0))
                0x04, 0x00, .. Name("b"), 0x03, 0x01],                // export "b" (type (sub resource))
            B(0x42, 0x00))));
        var ct = (ComponentTypeDefinition)((TypeSection)c.Sections[0]).Items[0];
        Assert.IsType<CoreTypeDeclaration>(ct.Declarations[0]);
        Assert.IsType<TypeDefinitionDeclaration>(ct.Declarations[1]);
        Assert.Equal(Alias.Outer(Sort.Type, 1, 0), ((AliasDeclaration)ct.Declarations[2]).Alias with { Offset = -1 });
        Assert.Equal(ExternType.OfType(TypeBound.Eq(0)), ((ImportDeclaration)ct.Declarations[3]).Type);
        Assert.Equal(ExternType.OfType(TypeBound.SubResource), ((ExportDeclaration)ct.Declarations[4]).Type);
        Assert.Empty(((InstanceTypeDefinition)((TypeSection)c.Sections[0]).Items[1]).Declarations);
    }

    [Fact]
    public void CoreTypesIncludeSubTypesAndModuleTypes()
    {
        var c = ComponentDecoder.Decode(ComponentOf(Vec(3,
            B(0x60, 0x01, 0x7f, 0x00),
            B(0x00, 0x50, 0x00, 0x60, 0x00, 0x00),
            B(0x4f, 0x01, 0x00, 0x60, 0x00, 0x00),
            [0x50, 0x05,
                0x01, 0x60, 0x00, 0x00,
                0x00, .. Name("m"), .. Name("f"), 0x00, 0x00,
                0x00, .. Name("m"), .. Name("mem"), 0x02, 0x01, 0x01, 0x02,
                0x02, 0x10, 0x01, 0x01, 0x00,
                0x03, .. Name("g"), 0x03, 0x7e, 0x01])));
        var items = ((CoreTypeSection)c.Sections[0]).Items;
        Assert.Equal([ValType.I32], ((CoreFuncTypeDefinition)items[0]).Type.Params);
        var sub = (CoreSubTypeDefinition)items[1];
        Assert.False(sub.IsFinal);
        var fin = (CoreSubTypeDefinition)items[2];
        Assert.True(fin.IsFinal);
        Assert.Equal([0u], fin.Supertypes);
        var mt = (CoreModuleTypeDefinition)items[3];
        Assert.Equal(5, mt.Declarations.Count);
        Assert.Equal(new Limits(1, 2), ((ModuleImportDeclaration)mt.Declarations[2]).Type.Memory.Limits);
        Assert.Equal(new ModuleOuterAliasDeclaration(1, 0), mt.Declarations[3] with { Offset = -1 });
        Assert.Equal(new GlobalType(ValType.I64, true), ((ModuleExportDeclaration)mt.Declarations[4]).Type.Global);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x01, 0x04, 0x60, 0x00, 0x00 }, "invalid leading byte (0x4) for type definition")]
    [InlineData(new byte[] { 0x50, 0x01, 0x02, 0x00, 0x01, 0x01, 0x00 }, "invalid leading byte (0x0) for outer alias kind")]
    [InlineData(new byte[] { 0x50, 0x01, 0x02, 0x10, 0x00, 0x01, 0x00 }, "invalid leading byte (0x0) for outer alias target")]
    [InlineData(new byte[] { 0x00, 0x60 }, "invalid leading byte (0x60) for non-final sub type")]
    [InlineData(new byte[] { 0x4e, 0x00 }, "core rec groups are not supported")]
    public void MalformedCoreTypes(byte[] type, string reason) =>
        Assert.Equal(reason, Malformed(ComponentOf(Vec(3, type))).Reason);

    [Fact]
    public void CanonicalDefinitionsFollowTheTable()
    {
        var c = ComponentDecoder.Decode(ComponentOf(Vec(8,
            B(0x00, 0x00, 0x05, 0x03, 0x03, 0x00, 0x04, 0x01, 0x01, 0x07), // lift core func 5 (memory 0) (realloc 1) utf16, type 7
            B(0x01, 0x00, 0x02, 0x02, 0x06, 0x07, 0x03),                  // lower func 2 async (callback 3)
            B(0x02, 0x04), B(0x03, 0x04), B(0x04, 0x04),                  // resource.new/drop/rep 4
            B(0x09, 0x00, 0x79, 0x01, 0x08, 0x02),                        // task.return (result u32) (core-type 2)
            B(0x0a, 0x7f, 0x01),                                          // context.get i32 1
            B(0x06, 0x01),                                                // subtask.cancel async
            B(0x11, 0x03, 0x01),                                          // stream.cancel-read 3 async
            B(0x20, 0x01, 0x00),                                          // waitable-set.wait cancellable (memory 0)
            B(0x27, 0x02, 0x01),                                          // thread.new-indirect 2 1
            B(0x41, 0x01, 0x02, 0x03),                                    // thread.spawn-indirect shared 2 3
            B(0x1c, 0x01, 0x09))));                                       // error-context.new gc
        var f = ((CanonSection)c.Sections[0]).Items;
        Assert.Equal(CanonOp.Lift, f[0].Op);
        Assert.Equal(5u, f[0].FuncIndex);
        Assert.Equal(7u, f[0].TypeIndex);
        Assert.Equal([new CanonOption(CanonOptionKind.Memory, 0), new CanonOption(CanonOptionKind.Realloc, 1), new CanonOption(CanonOptionKind.Utf16)], f[0].Options);
        Assert.Equal([new CanonOption(CanonOptionKind.Async), new CanonOption(CanonOptionKind.Callback, 3)], f[1].Options);
        Assert.Equal(2u, f[1].FuncIndex);
        Assert.Equal(CanonOp.ResourceRep, f[4].Op);
        Assert.Equal(4u, f[4].TypeIndex);
        Assert.Equal(ComponentValType.Of(PrimValType.U32), f[5].Result);
        Assert.Equal(new CanonOption(CanonOptionKind.CoreType, 2), f[5].Options[0]);
        Assert.Equal((ValType.I32, 1u), (f[6].CoreValType, f[6].Slot));
        Assert.True(f[7].Async);
        Assert.True(f[8].Async);
        Assert.Equal(3u, f[8].TypeIndex);
        Assert.True(f[9].Cancellable);
        Assert.Equal((2u, 1u), (f[10].CoreTypeIndex, f[10].TableIndex));
        Assert.True(f[11].Shared);
        Assert.Equal((2u, 3u), (f[11].CoreTypeIndex, f[11].TableIndex));
        Assert.Equal(CanonOptionKind.Gc, f[12].Options[0].Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x07 }, "invalid leading byte (0x7) for canonical function")]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00 }, "invalid leading byte (0x1) for canonical function lift")]
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x00 }, "invalid leading byte (0x1) for canonical function lower")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x01, 0x0a }, "invalid leading byte (0xa) for canonical option")]
    [InlineData(new byte[] { 0x06, 0x02 }, "invalid boolean value")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "canonical options size is out of bounds")]
    public void MalformedCanonicalDefinitions(byte[] canon, string reason) =>
        Assert.Equal(reason, Malformed(ComponentOf(Vec(8, canon))).Reason);

    [Fact]
    public void NestedCoreModuleErrorsNameOuterOffsets()
    {
        // A core module whose type section claims one type but holds none: the core decoder's error offset
        // (relative to the module) must come back shifted by where the module sits in the component.
        byte[] module = [.. EmptyModule, 0x01, 0x01, 0x01];
        var bytes = ComponentOf(Section(7, B(0x00)), Section(1, module));
        var e = Malformed(bytes);
        Assert.Equal(8 + 3 + 2 + 10, e.Offset); // preamble, type section, module section header, then the module's byte 10
        Assert.IsType<Kiln.Wasm.Binary.WasmDecodeException>(e.InnerException);
    }

    [Fact]
    public void CoreModulesKeepTheirBytesAndComponentsNest()
    {
        var inner = ComponentOf(Vec(7, B(0x73)));
        var c = ComponentDecoder.Decode(ComponentOf(Section(1, EmptyModule), Section(4, inner)));
        var m = (CoreModuleSection)c.Sections[0];
        Assert.Equal(EmptyModule, m.Bytes.ToArray());
        var n = (NestedComponentSection)c.Sections[1];
        Assert.Single(((TypeSection)n.Component.Sections[0]).Items);
    }

    [Fact]
    public void NestedPreamblesMustBeOfTheRightLayer()
    {
        Assert.Equal("expected a version header for a module", Malformed(ComponentOf(Section(1, Preamble))).Reason);
        Assert.Equal("expected a version header for a component", Malformed(ComponentOf(Section(4, EmptyModule))).Reason);
    }

    [Fact]
    public void DeepNestingIsRefusedNotAStackOverflow()
    {
        byte[] c = Preamble;
        for (int i = 0; i < 300; i++) c = ComponentOf(Section(4, c));
        Assert.Equal("components nested too deeply", Malformed(c).Reason);
        byte[] t = [0x42, 0x00];
        for (int i = 0; i < 300; i++) t = [0x42, 0x01, 0x01, .. t];
        Assert.Equal("type nesting too deep", Malformed(ComponentOf(Vec(7, t))).Reason);
    }

    [Fact]
    public void InstancesAliasesImportsExportsAndStart()
    {
        var c = ComponentDecoder.Decode(ComponentOf(
            Vec(2, [0x00, 0x00, 0x01, .. Name("i"), 0x12, 0x00], [0x01, 0x01, .. Name("f"), 0x00, 0x02]),
            Vec(5, [0x00, 0x01, 0x01, .. Name("x"), 0x01, 0x00], [0x01, 0x01, 0x00, .. Name("g"), 0x00, 0x11, 0x03]),
            Vec(6, [0x00, 0x02, 0x01, 0x00, .. Name("m")], [0x03, 0x00, 0x02, .. Name("t")], B(0x00, 0x10, 0x02, 0x01, 0x02), B(0x04, 0x02, 0x00, 0x00)),
            Vec(10, [0x02, .. Name("i"), 0x03, 0x00, .. Name("a:b/c"), 0x01, .. Name("1.0"), 0x02, .. Name("id"), 0x05, 0x00]),
            Vec(11, [0x00, .. Name("e"), 0x01, 0x00, 0x01, 0x01, 0x03]),
            Section(9, B(0x00, 0x01, 0x02, 0x01))));
        var ci = ((CoreInstanceSection)c.Sections[0]).Items;
        Assert.Equal(new CoreInstantiateArg("i", CoreSort.Instance, 0), ((CoreInstantiate)ci[0]).Args[0]);
        Assert.Equal(new CoreInlineExport("f", CoreSort.Func, 2), ((CoreInlineExports)ci[1]).Exports[0]);
        var inst = ((InstanceSection)c.Sections[1]).Items;
        Assert.Equal(new SortIndex(Sort.Func, 0), ((ComponentInstantiate)inst[0]).Args[0].Item);
        Assert.Equal(new SortIndex(Sort.OfCore(CoreSort.Module), 3), ((ComponentInlineExports)inst[1]).Exports[0].Item);
        var al = ((AliasSection)c.Sections[2]).Items;
        Assert.Equal(Alias.CoreExport(CoreSort.Memory, 0, "m"), al[0] with { Offset = -1 });
        Assert.Equal(Alias.Export(Sort.Type, 2, "t"), al[1] with { Offset = -1 });
        Assert.Equal(Alias.Outer(Sort.OfCore(CoreSort.Type), 1, 2), al[2] with { Offset = -1 });
        Assert.Equal(Alias.Outer(Sort.Component, 0, 0), al[3] with { Offset = -1 });
        var imp = ((ImportSection)c.Sections[3]).Items[0];
        Assert.Equal(new ExternName("i") { Form = 2, Implements = "a:b/c", VersionSuffix = "1.0", ExternalId = "id" }, imp.Name);
        Assert.Equal(new ExternType(ExternKind.Instance, 0), imp.Type);
        var exp = ((ExportSection)c.Sections[4]).Items[0];
        Assert.Equal(new ExternType(ExternKind.Func, 3), exp.Type);
        var start = ((StartSection)c.Sections[5]).Start;
        Assert.Equal(0u, start.FuncIndex);
        Assert.Equal([2u], start.Args);
        Assert.Equal(1u, start.ResultCount);
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x03, 0x00, 0x00 }, "invalid leading byte (0x3) for alias")]
    [InlineData(new byte[] { 0x06, 0x02, 0x00, 0x00 }, "invalid leading byte (0x6) for component outer alias kind")]
    [InlineData(new byte[] { 0x00, 0x05, 0x02, 0x00, 0x00 }, "invalid leading byte (0x5) for component outer alias kind")]
    [InlineData(new byte[] { 0x01, 0x02, 0x00, 0x00 }, "invalid leading byte (0x1) for component outer alias kind")]
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x00 }, "invalid leading byte (0x1) for core instance export kind")]
    public void MalformedAliases(byte[] alias, string reason) =>
        Assert.Equal(reason, Malformed(ComponentOf(Vec(6, alias))).Reason);

    [Theory]
    [InlineData(new byte[] { 0x03, 0x01, 0x61, 0x01, 0x00 }, "invalid leading byte (0x3) for component name")]
    [InlineData(new byte[] { 0x02, 0x01, 0x61, 0x01, 0x03, 0x01, 0x78, 0x01, 0x00 }, "invalid leading byte (0x3) for name option")]
    [InlineData(new byte[] { 0x02, 0x01, 0x61, 0x02, 0x02, 0x00, 0x02, 0x00, 0x01, 0x00 }, "duplicate 'external-id' option in name")]
    [InlineData(new byte[] { 0x00, 0x01, 0x74, 0x03, 0x02 }, "invalid leading byte (0x2) for type bound")]
    [InlineData(new byte[] { 0x00, 0x01, 0x78, 0x06, 0x00 }, "invalid leading byte (0x6) for component external kind")]
    [InlineData(new byte[] { 0x00, 0x01, 0x6d, 0x00, 0x00 }, "invalid leading byte (0x0) for component external kind")]
    [InlineData(new byte[] { 0x00, 0x02, 0xff, 0xfe, 0x01, 0x00 }, "malformed UTF-8 encoding")]
    public void MalformedImports(byte[] import, string reason) =>
        Assert.Equal(reason, Malformed(ComponentOf(Vec(10, import))).Reason);

    [Fact]
    public void SecondStartSectionIsMalformed() =>
        Assert.Equal("component cannot have more than one start function",
            Malformed(ComponentOf(Section(9, B(0x00, 0x00, 0x00)), Section(9, B(0x00, 0x00, 0x00)))).Reason);

    [Fact]
    public void ComponentNameSectionIsDecodedAndKept()
    {
        byte[] funcMap = [0x01, 0x01, 0x00, .. Name("f")];
        byte[] coreMap = [0x00, 0x11, 0x01, 0x00, .. Name("m")];
        byte[] content = [.. Name("component-name"), 0x00, 0x04, .. Name("top"),
            0x01, (byte)funcMap.Length, .. funcMap, 0x01, (byte)coreMap.Length, .. coreMap];
        var c = ComponentDecoder.Decode(ComponentOf(Section(0, content)));
        Assert.NotNull(c.Names);
        Assert.Equal("top", c.Names!.ComponentName);
        Assert.Equal("f", c.Names.NameOf(Sort.Func, 0));
        Assert.Equal("m", c.Names.NameOf(Sort.OfCore(CoreSort.Module), 0));
        Assert.Equal("component-name", Assert.IsType<CustomComponentSection>(Assert.Single(c.Sections)).Custom.Name);
    }

    [Fact]
    public void MalformedNameSectionIsOnlyACustomSection()
    {
        var c = ComponentDecoder.Decode(ComponentOf(Section(0, [.. Name("component-name"), 0xff, 0xfe, 0x01])));
        Assert.Null(c.Names);
        Assert.Single(c.Sections);
    }

    [Fact]
    public void ValueSectionKeepsTheEncodedValue()
    {
        var c = ComponentDecoder.Decode(ComponentOf(Vec(12, B(0x79, 0x02, 0xe5, 0x07))));
        var v = ((ValueSection)c.Sections[0]).Items[0];
        Assert.Equal(ComponentValType.Of(PrimValType.U32), v.Type);
        Assert.Equal(new byte[] { 0xe5, 0x07 }, v.Bytes.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 }, WasmBinaryKind.Module)]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00 }, WasmBinaryKind.Component)]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00 }, WasmBinaryKind.Component)]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x02, 0x00 }, WasmBinaryKind.Unknown)]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01 }, WasmBinaryKind.Unknown)]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00 }, WasmBinaryKind.Unknown)]
    public void TheLayerFieldTellsModulesFromComponents(byte[] bytes, WasmBinaryKind kind) =>
        Assert.Equal(kind, WasmBinary.Classify(bytes));
}
