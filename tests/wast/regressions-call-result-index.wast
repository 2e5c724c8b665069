;; Found by kiln verify over the spec suite (memory_grow.wast:101, call.wast, call_indirect.wast, ...): an i32
;; returned by a call was used directly as the 64-bit heap index (`[heap + rax]` right after the call), trusting
;; the callee to have cleared the upper half of rax. C# builtins such as memory.grow follow plain SysV, which does
;; not promise that. Every i32 call result is now zero-extended after the call; these must run and verify.
(module
  (type $r (func (result i32)))
  (memory 1 2)
  (table funcref (elem $four))
  (data (i32.const 1) "\2a")
  (data (i32.const 4) "\07\00\00\00")
  (data (i32.const 12) "\0b\00\00\00")
  (func $four (result i32) (i32.const 4))
  (func (export "grown") (result i32) (i32.load8_u (memory.grow (i32.const 0))))
  (func (export "grown-store") (result i32)
    (i32.store8 (memory.grow (i32.const 0)) (i32.const 99))
    (i32.load8_u (i32.const 1)))
  (func (export "direct") (result i32) (i32.load offset=8 (call $four)))
  (func (export "indirect") (result i32) (i32.load (call_indirect (type $r) (i32.const 0))))
  (func (export "grow-fails-index") (result i32)
    ;; memory.grow returns -1 (0xffffffff) when it fails: as an index it must trap, not wrap to heap - 1.
    (i32.load8_u (memory.grow (i32.const 5)))))

(assert_return (invoke "grown") (i32.const 42))
(assert_return (invoke "grown-store") (i32.const 99))
(assert_return (invoke "direct") (i32.const 11))
(assert_return (invoke "indirect") (i32.const 7))
(assert_trap (invoke "grow-fails-index") "out of bounds memory access")
