using Kiln.Component.Binary;
using Kiln.Component.Text;
using Kiln.Component.Validation;
using Kiln.Component.Wit.Decoding;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Printing;
using Kiln.Component.Wit.Resolution;

namespace Kiln.Component.Tests.Wit;

public class WitRoundTripTests
{
    private static string Print(WitResolve r, bool docs = true) => WitPrinter.Print(r, emitDocs: docs);

    [Fact]
    public void PrintedWitParsesBackToTheSameText()
    {
        string once = Print(WitPackageLoader.ParseText(WitTestSources.Everything, "t.wit"));
        string twice = Print(WitPackageLoader.ParseText(once, "printed.wit"));
        Assert.Equal(once, twice);
    }

    [Fact]
    public void ThePrinterWritesWitComponentsLayout()
    {
        const string src = "package a:b@1.0.0; interface i { use j.{t as u}; resource r { constructor(); m: func(x: u) -> r; } f: func() -> result<_, u>; }"
            + " interface j { /// doc\n type t = u32; } world w { import i; export run: func(); }";
        Assert.Equal("""
            package a:b@1.0.0;

            interface i {
              use j.{t as u};

              resource r {
                constructor();
                m: func(x: u) -> r;
              }

              f: func() -> result<_, u>;
            }

            interface j {
              /// doc
              type t = u32;
            }

            world w {
              import j;
              import i;

              export run: func();
            }

            """.Replace("\r\n", "\n"), Print(WitPackageLoader.ParseText(src)));
    }

    [Fact]
    public void KeywordsAsNamesArePrintedWithPercent()
    {
        string text = Print(WitPackageLoader.ParseText("package a:b; interface %type { %list: func(%u8: u8); }"));
        Assert.Contains("interface %type {", text);
        Assert.Contains("%list: func(%u8: u8);", text);
    }

    [Fact]
    public void EncodedPackageValidatesAndDecodesToTheSameWitWithoutDocsAndGates()
    {
        var resolve = WitPackageLoader.ParseText(WitTestSources.Everything, "t.wit");
        byte[] bytes = WitEncoder.EncodePackageBinary(resolve);
        ComponentValidator.Validate(ComponentDecoder.Decode(bytes));
        var decoded = WitDecoder.Decode(bytes);
        // Gates and docs are not in the binary (no package-docs section is written yet): compare without them.
        string expected = StripGates(Print(resolve, docs: false));
        Assert.Equal(expected, Print(decoded, docs: false));
    }

    [Fact]
    public void EncodedWorldIsOneComponentTypeExportedUnderTheWorldsName()
    {
        var resolve = WitPackageLoader.ParseText(WitTestSources.Everything, "t.wit");
        var world = resolve.Main!.Worlds["all"];
        var component = WitEncoder.EncodeWorldPackage(world);
        var type = ComponentValidator.Validate(component);
        Assert.Equal(["all"], type.Exports.Keys);
        var decoded = WitDecoder.Decode(component);
        var back = decoded.Main!.Worlds["all"];
        // The encoding orders imports as interfaces, types, functions (what the printer shows): compare as sets.
        Assert.Equal(world.Imports.Keys.Select(k => k.ExternName).Order(StringComparer.Ordinal), back.Imports.Keys.Select(k => k.ExternName).Order(StringComparer.Ordinal));
        Assert.Equal(world.Exports.Keys.Select(k => k.ExternName), back.Exports.Keys.Select(k => k.ExternName));
        Assert.Equal(WitPrinter.Print(resolve, [], emitDocs: false).Split("world all")[1], WitPrinter.Print(decoded, [], emitDocs: false).Split("world all")[1]);
    }

    [Fact]
    public void AComponentsTypeIsTheRootWorld()
    {
        // A component importing an interface with a resource and exporting a function of a record it exports.
        var component = ComponentTextParser.Parse("""
            (component
              (import "ns:pkg/files@1.0.0" (instance $files
                (export "file" (type (sub resource)))
                (export "[method]file.size" (func (param "self" (borrow 0)) (result u64)))
              ))
              (alias export $files "file" (type $file))
              (type $point' (record (field "x" u32) (field "y" u32)))
              (import "point" (type $point (eq $point')))
              (import "open" (func $open (param "name" string) (result (own $file))))
              (type $ft (func (param "p" $point) (result (list $point))))
              (import "dup" (func $dup (type $ft)))
              (export "dup2" (func $dup) (func (type $ft)))
            )
            """);
        string text = Print(WitDecoder.Decode(component), docs: false);
        Assert.Equal("""
            package root:component;

            world root {
              import ns:pkg/files@1.0.0;

              record point {
                x: u32,
                y: u32,
              }
              import open: func(name: string) -> file;
              import dup: func(p: point) -> list<point>;

              export dup2: func(p: point) -> list<point>;
            }
            package ns:pkg@1.0.0 {
              interface files {
                resource file {
                  size: func() -> u64;
                }
              }
            }

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void AComponentThatIsNoWitSaysWhy()
    {
        var component = ComponentTextParser.Parse("(component (core module $m) (export \"m\" (core module $m)))");
        var e = Assert.Throws<Kiln.Component.Wit.WitException>(() => WitDecoder.Decode(component));
        Assert.Equal(Kiln.Component.Wit.WitErrorKind.Decode, e.Kind);
        Assert.Contains("`m`", e.Message);
    }

    private static string StripGates(string text) => string.Join("\n",
        text.Split('\n').Where(l => !l.TrimStart().StartsWith("@since", StringComparison.Ordinal) && !l.TrimStart().StartsWith("@deprecated", StringComparison.Ordinal)));
}
