using System.Text;

namespace Kiln.Runtime.Tests.Regressions;

/// <summary>
/// Found by fuzz/Kiln.DiffFuzz (seed 1, module 0; also about one module in ten of a long run): compiling a
/// function whose loops are left only by branches and returns (the code after them unreachable) fails with
/// "RegAllocException: vreg vN is used before any definition". V8 and wabt run the module. Reduced with
/// wasm-reduce. The cause was SimplifyBranches threading a jump through a loop header whose parameter the
/// loop body still read.
/// </summary>
public sealed class RegallocUseBeforeDefinitionTests
{
    private const string Wat = """
(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func (param i64 i64 i32 f32 f64 i32 f64 i64) (result f32)))
  (func (;0;) (type 0) (result i32)
    unreachable)
  (func (;1;) (type 1) (param i64 i64 i32 f32 f64 i32 f64 i64) (result f32)
    (local i32)
    block  ;; label = @1
      i32.const 0
      if  ;; label = @2
        f32.const -nan:0x7ffffb (;=-nan;)
        return
      end
      nop
    end
    block  ;; label = @1
      loop  ;; label = @2
        block  ;; label = @3
          i32.const 0
          drop
          nop
        end
        block  ;; label = @3
          loop  ;; label = @4
            nop
          end
          local.get 2
          br_if 1 (;@2;)
          block  ;; label = @4
            nop
            loop  ;; label = @5
              block  ;; label = @6
                nop
                i32.const 0
                i32.const 1
                i32.sub
                global.set 2
              end
              block  ;; label = @6
                nop
                loop  ;; label = @7
                  nop
                  block  ;; label = @8
                    block  ;; label = @9
                      f64.const 0x0p+0 (;=0;)
                      local.set 4
                      block  ;; label = @10
                        global.get 1
                        drop
                        block  ;; label = @11
                          i32.const -31945
                          if (result f64)  ;; label = @12
                            f64.const 0x1p+36 (;=6.87195e+10;)
                          else
                            loop  ;; label = @13
                              nop
                              block  ;; label = @14
                                block (result i32)  ;; label = @15
                                  i32.const -30093
                                  local.set 8
                                  nop
                                  local.get 8
                                end
                                drop
                                loop  ;; label = @15
                                  block  ;; label = @16
                                    i32.const 1
                                    drop
                                    global.get 2
                                    i32.const 1
                                    i32.sub
                                    global.set 2
                                  end
                                  block  ;; label = @16
                                    loop  ;; label = @17
                                      block  ;; label = @18
                                        i32.const 0
                                        drop
                                        nop
                                      end
                                      block  ;; label = @18
                                        i32.const 131
                                        i32.eqz
                                        br_if 16 (;@2;)
                                        i32.const 65411
                                        i32.eqz
                                        br_if 1 (;@17;)
                                        i32.const 1
                                        drop
                                      end
                                    end
                                    br 6 (;@10;)
                                  end
                                  unreachable
                                end
                                unreachable
                              end
                              unreachable
                            end
                            unreachable
                          end
                          local.set 4
                          f64.const -nan:0xfffffffdf6358 (;=-nan;)
                          local.set 4
                        end
                      end
                    end
                    loop  ;; label = @9
                      block  ;; label = @10
                        i32.const 1
                        if  ;; label = @11
                          local.get 3
                          return
                        end
                        global.get 2
                        i32.const 1
                        i32.sub
                        drop
                      end
                      block  ;; label = @10
                        block  ;; label = @11
                          block  ;; label = @12
                            loop  ;; label = @13
                              block  ;; label = @14
                                global.get 2
                                i32.eqz
                                if  ;; label = @15
                                  f32.const -nan:0x7fc64b (;=-nan;)
                                  return
                                end
                                i32.const 0
                                global.set 2
                              end
                              block  ;; label = @14
                                f64.const -0x1p+22 (;=-4.1943e+06;)
                                local.set 6
                                local.get 5
                                local.set 5
                              end
                            end
                            br 7 (;@5;)
                          end
                          unreachable
                        end
                        unreachable
                      end
                      unreachable
                    end
                    unreachable
                  end
                  unreachable
                end
                unreachable
              end
              unreachable
            end
            unreachable
          end
          unreachable
        end
        unreachable
      end
      unreachable
    end
    unreachable)
  (export "f" (func 1))
  (export "g" (global 2))
  (export "u" (func 0))
  (global (;0;) (mut f32) (f32.const -0x1.decp+13 (;=-15320;)))
  (global (;1;) (mut i32) (i32.const -2147483648))
  (global (;2;) (mut i32) (i32.const 10)))
""";

    [Fact]
    public void RunsAsV8Does()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, new Module(engine, Encoding.UTF8.GetBytes(Wat)));
        var g = instance.GetGlobal("g")!;
        Assert.Equal(10, g.Get().AsI32());
        foreach (uint bits in new uint[] { 0x3fc0_0000, 0x8000_0000, 0x7f80_0000, 0x7fa0_0001 })
        {
            var r = instance.GetFunc("f")!.Call(1L, 2L, 0, Value.F32Bits(bits), 2.5, 7, 3.5, 9L);
            Assert.Equal(bits, Assert.Single(r).AsF32Bits());
            Assert.Equal(-1, g.Get().AsI32());
        }
        var trap = Assert.Throws<Trap>(() => instance.GetFunc("u")!.Call());
        Assert.Equal(TrapCode.Unreachable, trap.Code);
    }
}
