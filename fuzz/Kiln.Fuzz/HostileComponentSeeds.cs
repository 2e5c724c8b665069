namespace Kiln.Fuzz;

/// <summary>
/// Valid components (text, written here) whose core code hands the canonical ABI pointers, lengths, discriminants,
/// chars, bools, flag bits and handles as <c>i32.const</c>s: the mutations of <see cref="HostileComponentFuzzTarget"/>
/// turn each into a bad one. They import only <c>log: func(s: string)</c>; exports take primitives and strings.
/// </summary>
public static class HostileComponentSeeds
{
    private const string Memory = """
          (core module $Mem
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get 2))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p))
            (func (export "bad-realloc") (param i32 i32 i32 i32) (result i32) (i32.const 4096))
            (data (i32.const 16) "hello\00\d8\00\dc\c3\ff"))
          (core instance $mem (instantiate $Mem))
        """;

    public static readonly string[] Texts =
    [
        // Strings in three encodings, results through a return area, a host import called with guest memory.
        $$"""
        (component
          (import "log" (func $log (param "s" string)))
          {{Memory}}
          (core func $log8 (canon lower (func $log) (memory (core memory $mem "mem"))))
          (core func $log16 (canon lower (func $log) (memory (core memory $mem "mem")) string-encoding=utf16))
          (core module $M
            (import "" "mem" (memory 1))
            (import "" "log8" (func $log8 (param i32 i32)))
            (import "" "log16" (func $log16 (param i32 i32)))
            (func (export "str") (param i32 i32) (result i32)
              (call $log8 (i32.const 16) (i32.const 5))
              (call $log16 (i32.const 16) (i32.const 2))
              (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 5)) (i32.const 0))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 8) (local.get 0)) (i32.store (i32.const 12) (local.get 1)) (i32.const 8))
            (func (export "list") (param i32) (result i32)
              (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 3)) (i32.const 0)))
          (core instance $m (instantiate $M (with "" (instance (export "mem" (memory $mem "mem"))
            (export "log8" (func $log8)) (export "log16" (func $log16))))))
          (func (export "str8") (param "s" string) (result string)
            (canon lift (core func $m "str") (memory (core memory $mem "mem")) (realloc (core func $mem "realloc"))))
          (func (export "str16") (param "s" string) (result string)
            (canon lift (core func $m "str") (memory (core memory $mem "mem")) (realloc (core func $mem "realloc")) string-encoding=utf16))
          (func (export "latin") (param "s" string) (result string)
            (canon lift (core func $m "echo") (memory (core memory $mem "mem")) (realloc (core func $mem "bad-realloc")) string-encoding=latin1+utf16))
          (func (export "list") (param "x" u32) (result (list u16))
            (canon lift (core func $m "list") (memory (core memory $mem "mem")))))
        """,
        // Discriminants, chars, bools and flag bits in flat results and in a return area.
        $$"""
        (component
          {{Memory}}
          (core module $M
            (import "" "mem" (memory 1))
            (func (export "flat") (param i32) (result i32) (i32.const 1))
            (func (export "area") (param i32) (result i32)
              (i32.store8 (i32.const 32) (i32.const 1)) (i32.store (i32.const 36) (i32.const 65))
              (i32.store (i32.const 40) (i32.const 16)) (i32.store (i32.const 44) (i32.const 2)) (i32.const 32)))
          (core instance $m (instantiate $M (with "" (instance (export "mem" (memory $mem "mem"))))))
          (type $fl' (flags "a" "b" "c"))
          (export $fl "fl" (type $fl'))
          (type $e' (enum "x" "y"))
          (export $e "e" (type $e'))
          (func (export "char") (param "x" u32) (result char) (canon lift (core func $m "flat")))
          (func (export "bool") (param "x" u32) (result bool) (canon lift (core func $m "flat")))
          (func (export "flags") (param "x" u32) (result $fl) (canon lift (core func $m "flat")))
          (func (export "enum") (param "x" u32) (result $e) (canon lift (core func $m "flat")))
          (func (export "option") (param "x" u32) (result (option char))
            (canon lift (core func $m "area") (memory (core memory $mem "mem"))))
          (func (export "result") (param "x" u32) (result (result char (error string)))
            (canon lift (core func $m "area") (memory (core memory $mem "mem"))))
          (func (export "tuple") (param "x" u32) (result (tuple bool char string))
            (canon lift (core func $m "area") (memory (core memory $mem "mem")))))
        """,
        // Resource handles: new, rep, drop with constants, an own returned to the host, a destructor.
        """
        (component
          (type $r' (resource (rep i32)))
          (export $r "r" (type $r'))
          (core func $new (canon resource.new $r))
          (core func $rep (canon resource.rep $r))
          (core func $drop (canon resource.drop $r))
          (core module $M
            (import "" "new" (func $new (param i32) (result i32)))
            (import "" "rep" (func $rep (param i32) (result i32)))
            (import "" "drop" (func $drop (param i32)))
            (func (export "make") (param i32) (result i32) (call $new (i32.const 7)))
            (func (export "juggle") (param i32) (result i32) (local $h i32)
              (local.set $h (call $new (i32.const 9)))
              (drop (call $rep (i32.const 1)))
              (call $drop (i32.const 1))
              (i32.const 2)))
          (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
          (func (export "make") (param "x" u32) (result (own $r)) (canon lift (core func $m "make")))
          (func (export "juggle") (param "x" u32) (result u32) (canon lift (core func $m "juggle"))))
        """,
    ];

    public static List<byte[]> Build()
    {
        var seeds = new List<byte[]>();
        foreach (var t in Texts) seeds.Add(Kiln.Component.Binary.ComponentEncoder.Encode(Kiln.Component.Text.ComponentTextParser.Parse(t)));
        return seeds;
    }
}
