namespace Kiln.Compiler.Tests.Translate;

/// <summary>Exact IR text of small functions straight out of the translator (before any pass).</summary>
public class GoldenIrTests
{
    [Fact]
    public void SumLoop()
    {
        Assert.Equal("""
            function %wasm_func_0(iptr, i32) -> i32 {
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32):
                v8 = iconst.i32 0
                jump block1(v1, v8)
            block1(v2: i32, v4: i32):
                v3 = eqz.i32 v2
                brif v3, block2, block3
            block3:
                v5 = iadd.i32 v4, v2
                v6 = iconst.i32 1
                v7 = isub.i32 v2, v6
                jump block1(v7, v5)
            block2:
                return v4
            }

            """, Wat.Ir("""
            (module (func (param i32) (result i32) (local i32)
              (block (loop
                (br_if 1 (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (local.get 0)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br 0)))
              (local.get 1)))
            """));
    }

    [Fact]
    public void IfElseWithResult()
    {
        Assert.Equal("""
            function %wasm_func_0(iptr, i32, i32) -> i32 {
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32, v2: i32):
                brif v1, block1, block2
            block1:
                jump block3(v2)
            block2:
                v4 = iconst.i32 7
                jump block3(v4)
            block3(v3: i32):
                return v3
            }

            """, Wat.Ir("""
            (module (func (param i32 i32) (result i32)
              (if (result i32) (local.get 0) (then (local.get 1)) (else (i32.const 7)))))
            """));
    }

    [Fact]
    public void BrTable()
    {
        Assert.Equal("""
            function %wasm_func_0(iptr, i32) -> i32 {
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32):
                br_table v1, block1, [block2, block3]
            block2:
                v2 = iconst.i32 10
                return v2
            block3:
                v3 = iconst.i32 20
                return v3
            block1:
                v4 = iconst.i32 30
                return v4
            }

            """, Wat.Ir("""
            (module (func (param i32) (result i32)
              (block (block (block (br_table 0 1 2 (local.get 0)))
                (return (i32.const 10))) (return (i32.const 20)))
              (i32.const 30)))
            """));
    }

    [Fact]
    public void CallIndirect()
    {
        // vmctx+16: type-id array; vmctx+32: the table's VMTableDefinition; VMFuncRef {code +0, vmctx +8, type id +16}.
        Assert.Equal("""
            function %wasm_func_0(iptr, i32, i32) -> i32 {
                sig0 = (iptr, i32) -> i32
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32, v2: i32):
                v12 = load.iptr notrap v0+16
                v3 = load.iptr notrap v0+32
                v4 = load.i32 notrap v3+8
                v5 = icmp.i32 uge v1, v4
                trapnz v5, user0
                v6 = load.iptr notrap v3
                v7 = uextend.iptr v1
                v8 = iconst.iptr 3
                v9 = ishl.iptr v7, v8
                v10 = iadd.iptr v6, v9
                v11 = load.iptr notrap v10
                trapz v11, user1
                v13 = load.i32 notrap v12
                v14 = load.i32 notrap v11+16
                v15 = icmp.i32 ne v14, v13
                trapnz v15, user2
                v16 = load.iptr notrap v11
                v17 = load.iptr notrap v11+8
                v18 = call_indirect sig0, v16(v17, v2)
                return v18
            }

            """, Wat.Ir("""
            (module (type $t (func (param i32) (result i32))) (table 2 funcref)
              (func (param i32 i32) (result i32) (call_indirect (type $t) (local.get 1) (local.get 0))))
            """));
    }

    [Fact]
    public void MemoryLoadAndStore()
    {
        // The memory's definition pointer and base are loaded once at entry; accesses carry heap_out_of_bounds
        // and the static offset as the immediate, with no bounds check.
        Assert.Equal("""
            function %wasm_func_0(iptr, i32) {
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32):
                v2 = load.iptr notrap v0+32
                v3 = load.iptr notrap v2
                v4 = uextend.iptr v1
                v5 = iadd.iptr v3, v4
                v6 = uload8.i32 heap_out_of_bounds v5+1
                v7 = uextend.iptr v1
                v8 = iadd.iptr v3, v7
                v9 = load.i32 heap_out_of_bounds v8
                v10 = iadd.i32 v6, v9
                v11 = uextend.iptr v1
                v12 = iadd.iptr v3, v11
                store heap_out_of_bounds v10, v12+4
                return
            }

            """, Wat.Ir("""
            (module (memory 1) (func (param i32)
              (i32.store offset=4 (local.get 0) (i32.add (i32.load8_u offset=1 (local.get 0)) (i32.load (local.get 0))))))
            """));
    }

    [Fact]
    public void GlobalAccess()
    {
        // Imported global: pointer at vmctx+32 to the owner's slot; defined global: inline slot at vmctx+48.
        Assert.Equal("""
            function %wasm_func_0(iptr) {
                stack_limit = param0, load 8, load 0
            block0(v0: iptr):
                v1 = load.iptr notrap v0+32
                v2 = load.i64 notrap v1
                v3 = load.i64 notrap v0+48
                v4 = iadd.i64 v2, v3
                store notrap v4, v0+48
                return
            }

            """, Wat.Ir("""
            (module (import "m" "g" (global $g (mut i64))) (global $h (mut i64) (i64.const 0))
              (func (global.set $h (i64.add (global.get $g) (global.get $h)))))
            """));
    }

    [Fact]
    public void MultiValueBlockWithParam()
    {
        Assert.Equal("""
            function %wasm_func_0(iptr, i32) -> i32, i32 {
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32):
                v2 = iconst.i32 1
                brif v1, block1(v1, v2), block2
            block2:
                v5 = iconst.i32 2
                jump block1(v1, v5)
            block1(v3: i32, v4: i32):
                return v3, v4
            }

            """, Wat.Ir("""
            (module (func (param i32) (result i32 i32)
              (local.get 0)
              (block (param i32) (result i32 i32)
                (i32.const 1) (br_if 0 (local.get 0)) (drop) (i32.const 2))))
            """));
    }

    [Fact]
    public void DirectAndImportedCalls()
    {
        // Defined callee: a direct call with this vmctx; import: code and callee vmctx from the import slot (vmctx+32).
        Assert.Equal("""
            function %wasm_func_1(iptr, i32) -> i32 {
                sig0 = (iptr, i32) -> i32
                fn0 = %wasm_func_1 sig0
                stack_limit = param0, load 8, load 0
            block0(v0: iptr, v1: i32):
                v2 = call fn0(v0, v1)
                v3 = load.iptr notrap v0+32
                v4 = load.iptr notrap v0+40
                v5 = call_indirect sig0, v3(v4, v2)
                return v5
            }

            """, Wat.Ir("""
            (module (import "m" "f" (func $f (param i32) (result i32)))
              (func $g (param i32) (result i32) (call $f (call $g (local.get 0)))))
            """));
    }

    [Fact]
    public void MemoryBuiltinsAndSize()
    {
        // Builtins come from the table at vmctx+0 (memory_grow = slot 0, memory_fill = slot 1); fill traps on a
        // non-zero status; memory.size is the definition's byte length (+8) shifted by 16.
        Assert.Equal("""
            function %wasm_func_0(iptr) -> i32 {
                sig0 = (iptr, i32, i32) -> i32
                sig1 = (iptr, i32, i32, i32, i32) -> i32
                stack_limit = param0, load 8, load 0
            block0(v0: iptr):
                v12 = load.iptr notrap v0+32
                v3 = load.iptr notrap v0
                v1 = iconst.i32 1
                v2 = iconst.i32 0
                v4 = load.iptr notrap v3
                v5 = call_indirect sig0, v4(v0, v2, v1)
                v6 = iconst.i32 0
                v7 = iconst.i32 1
                v8 = iconst.i32 2
                v9 = iconst.i32 0
                v10 = load.iptr notrap v3+8
                v11 = call_indirect sig1, v10(v0, v9, v6, v7, v8)
                trapnz v11, heap_out_of_bounds
                v13 = load.iptr notrap v12+8
                v14 = iconst.iptr 16
                v15 = ushr.iptr v13, v14
                v16 = ireduce.i32 v15
                return v16
            }

            """, Wat.Ir("""
            (module (memory 1) (func (result i32)
              (drop (memory.grow (i32.const 1)))
              (memory.fill (i32.const 0) (i32.const 1) (i32.const 2))
              (memory.size)))
            """));
    }

    [Fact]
    public void Trampolines()
    {
        var t = Wat.Translate("(module (func (param i32 f64) (result i64) (i64.const 0)))");
        Assert.Equal("""
            function %entry_trampoline_0(iptr, iptr) {
                sig0 = (iptr, i32, f64) -> i64
            block0(v0: iptr, v1: iptr):
                v2 = load.iptr notrap v0
                v3 = load.iptr notrap v0+8
                v4 = load.i32 notrap v1
                v5 = load.f64 notrap v1+16
                v6 = call_indirect sig0, v2(v3, v4, v5)
                store notrap v6, v1
                return
            }

            """, t.EntryTrampolines[0].ToString());
        Assert.Equal("""
            function %host_trampoline_0(iptr, i32, f64) -> i64 {
                sig0 = (iptr, iptr, i32) -> i32
                ss0 = stack_slot 32, align 16
            block0(v0: iptr, v1: i32, v2: f64):
                v3 = stack_addr.iptr ss0
                store notrap v1, v3
                store notrap v2, v3+16
                v4 = load.iptr notrap v0
                v5 = load.iptr notrap v0+8
                v6 = iconst.i32 2
                v7 = call_indirect sig0, v4(v5, v3, v6)
                trapnz v7, user5
                v8 = load.i64 notrap v3
                return v8
            }

            """, t.HostTrampolines[0].ToString());
    }

    [Fact]
    public void OptimizedSumLoopKeepsItsShape()
    {
        var s = Wat.Optimized("""
            (module (func (param i32) (result i32) (local i32)
              (block (loop
                (br_if 1 (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (local.get 0)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br 0)))
              (local.get 1)))
            """);
        Assert.Contains("iadd.i32", s);
        Assert.Contains("brif", s);
    }
}
