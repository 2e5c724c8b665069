;; Found by fuzz/Kiln.DiffFuzz (seed 32, module 10297; reduced with wasm-reduce, then by hand): a load fused into
;; an integer ALU op as its memory operand vanished, bounds trap included, when that op turned out dead at
;; lowering (here: its only use was a br_if whose block result is dropped). Kiln ran on past the
;; out-of-bounds load, grew memory and returned; V8 and wabt trap and leave memory at 2 pages.
(module
  (memory 2 3)
  (func (export "dead-sub")
    (local f32)
    block (result f32)
      f32.const 0
      i32.const 8
      i32.load16_s
      i32.const -1
      i32.load
      i32.sub
      br_if 0
      drop
      local.get 0
    end
    drop)
  (func (export "dead-and-grow")
    block (result f32)
      f32.const 0
      i32.const 8
      i32.load16_s
      i32.const -1
      i32.load
      i32.and
      br_if 0
      drop
      f32.const 1
    end
    i32.const 1
    memory.grow
    f32.reinterpret_i32
    f32.min
    drop)
  (func (export "live-sub") (result i32)
    (i32.sub (i32.load16_s (i32.const 8)) (i32.load (i32.const 0))))
  (func (export "size") (result i32) memory.size))

(assert_trap (invoke "dead-sub") "out of bounds memory access")
(assert_trap (invoke "dead-and-grow") "out of bounds memory access")
(assert_return (invoke "size") (i32.const 2))
(assert_return (invoke "live-sub") (i32.const 0))
