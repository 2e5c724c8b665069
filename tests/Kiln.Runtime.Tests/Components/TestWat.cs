namespace Kiln.Runtime.Tests.Components;

/// <summary>Core wasm text shared by the component tests.</summary>
internal static class TestWat
{
    /// <summary>An exported memory "mem" and a bump allocator "realloc" (8-aligned, never frees) starting at <paramref name="start"/>.</summary>
    public static string MemoryAndRealloc(int start) => $$"""
        (memory (export "mem") 1)
        (global $next (mut i32) (i32.const {{start}}))
        (func (export "realloc") (param i32 i32 i32 i32) (result i32)
          (local $r i32)
          (local.set $r (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
          (global.set $next (i32.add (local.get $r) (local.get 3)))
          (local.get $r))
        """;
}
