;; Found by fuzz/Kiln.DiffFuzz: a constant address of 0xFFFFFFFF plus a static offset was folded into the
;; x86-64 displacement as -1 + offset, so the load read inside memory instead of trapping.
(module
  (memory 1)
  (func (export "load-offset") (result i32) (i32.load8_u offset=4 (i32.const -1)))
  (func (export "load-plain") (result i32) (i32.load8_u (i32.const -1)))
  (func (export "store-offset") (i32.store offset=1 (i32.const -2) (i32.const 7)))
  (func (export "load-high") (result i32) (i32.load8_u offset=1 (i32.const 0x80000000)))
  (func (export "add-uext") (result i64) (i64.add (i64.extend_i32_u (i32.const -1)) (i64.const 1)))
  (func (export "in-bounds") (result i32) (i32.load8_u offset=65535 (i32.const 0))))

(assert_trap (invoke "load-offset") "out of bounds memory access")
(assert_trap (invoke "load-plain") "out of bounds memory access")
(assert_trap (invoke "store-offset") "out of bounds memory access")
(assert_trap (invoke "load-high") "out of bounds memory access")
(assert_return (invoke "add-uext") (i64.const 0x100000000))
(assert_return (invoke "in-bounds") (i32.const 0))
