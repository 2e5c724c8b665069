using Kiln.Component.Linking;
using Kiln.Wasm.Binary;

namespace Kiln.Component.Tests.Linking;

/// <summary>Stack-pointer discovery: the name section first, then the prologue shape; none is a typed error.</summary>
public sealed class StackPointerTests
{
    // Two mutable i32 globals; functions decrement the second at entry (clang's prologue), none decrements the first.
    private const string Shaped = """
        (module
          (global $state (mut i32) (i32.const 0))
          (global $sp (mut i32) (i32.const 4096))
          (memory 1)
          (func (export "a") (local i32)
            (global.get $sp) (i32.const 32) (i32.sub) (local.tee 0) (global.set $sp)
            (global.set $state (i32.const 1))
            (global.set $sp (i32.add (local.get 0) (i32.const 32))))
          (func (export "b") (result i32) (local i32)
            (local.set 0 (i32.sub (global.get $sp) (i32.const 16)))
            (global.get $state)))
        """;

    [Fact]
    public void FoundByTheShapeOfTheCodeWithoutNames()
    {
        var m = LinkingModules.FromText(Shaped);
        Assert.Null(StackPointer.FindGlobalByName(m, StackPointer.GlobalName));
        Assert.Equal((1u, StackPointerEvidence.Shape), StackPointer.Find(m));
    }

    [Fact]
    public void TheNameSectionWinsOverTheShape()
    {
        var m = LinkingModules.FromText(Shaped);
        m.CustomSections.RemoveAll(c => c.Name == "name");
        m.CustomSections.Add(LinkingModules.GlobalNames((0, StackPointer.GlobalName)));
        m = ModuleDecoder.Decode(ModuleEncoder.Encode(m));
        Assert.Equal((0u, StackPointerEvidence.Name), StackPointer.Find(m));
    }

    [Fact]
    public void ThePreview1AdaptersIsFoundByNameAndByShapeAlike()
    {
        var (_, stripped) = ComponentTypeMetadata.Extract(File.ReadAllBytes(LinkingPaths.CommandAdapter()));
        var m = ModuleDecoder.Decode(stripped);
        var byName = StackPointer.Find(m);
        Assert.Equal(StackPointerEvidence.Name, byName?.Evidence);
        m.CustomSections.RemoveAll(c => c.Name == "name");
        m.Names = null;
        var byShape = StackPointer.Find(ModuleDecoder.Decode(ModuleEncoder.Encode(m)));
        Assert.Equal((byName!.Value.Global, StackPointerEvidence.Shape), byShape);
    }

    [Fact]
    public void NoStackPointerIsAClearTypedError()
    {
        var m = LinkingModules.FromText("""
            (module
              (global $counter (mut i32) (i32.const 0))
              (func (export "tick") (global.set $counter (i32.add (global.get $counter) (i32.const 1)))))
            """);
        Assert.Null(StackPointer.Find(m));
        var e = Assert.Throws<ComponentNewException>(() => StackPointer.Require(m, "adapter `x`"));
        Assert.Equal(ComponentNewErrorKind.NoStackPointer, e.Kind);
        Assert.Contains("adapter `x`", e.Message);
        Assert.Contains(StackPointer.GlobalName, e.Message);
    }

    /// <summary>A named global that is not a mutable i32 is not taken for the stack pointer.</summary>
    [Fact]
    public void AnImmutableGlobalNamedLikeTheStackPointerIsIgnored()
    {
        var m = LinkingModules.FromText("(module (global i32 (i32.const 0)) (func (export \"f\")))");
        m.CustomSections.RemoveAll(c => c.Name == "name");
        m.CustomSections.Add(LinkingModules.GlobalNames((0, StackPointer.GlobalName)));
        Assert.Null(StackPointer.Find(ModuleDecoder.Decode(ModuleEncoder.Encode(m))));
    }
}
