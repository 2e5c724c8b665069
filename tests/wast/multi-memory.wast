;; Wasm 3.0 multi-memory and the threads proposal's shared memories: each memory its own bounds and size,
;; memory.* instructions naming memories, data segments, imports/exports of several memories.

(module $m
  (memory $a (export "a") 1)
  (memory $b (export "b") 2 4)
  (data (memory $b) (i32.const 65536) "\01\02\03\04")
  (data $passive "abcd")
  (func (export "load-a") (param i32) (result i32) (i32.load $a (local.get 0)))
  (func (export "load-b") (param i32) (result i32) (i32.load $b (local.get 0)))
  (func (export "load8-b") (param i32) (result i32) (i32.load8_u $b offset=65536 (local.get 0)))
  (func (export "store-a") (param i32 i32) (i32.store $a (local.get 0) (local.get 1)))
  (func (export "store-b") (param i32 i64) (i64.store 1 (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (i32.add (i32.mul (memory.size $a) (i32.const 10)) (memory.size $b)))
  (func (export "grow-b") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "copy-b-to-a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy-a-to-b") (param i32 i32 i32) (memory.copy 1 0 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill-b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init-b") (param i32 i32 i32) (memory.init $b $passive (local.get 0) (local.get 1) (local.get 2)))
)

(assert_return (invoke "size") (i32.const 12))
(assert_return (invoke "load-b" (i32.const 65536)) (i32.const 0x04030201))
(assert_return (invoke "load8-b" (i32.const 2)) (i32.const 3))
(assert_return (invoke "load-a" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "load-a" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "load-b" (i32.const 131069)) "out of bounds memory access")
(invoke "store-a" (i32.const 8) (i32.const 7))
(invoke "store-b" (i32.const 8) (i64.const 9))
(assert_return (invoke "load-a" (i32.const 8)) (i32.const 7))
(assert_return (invoke "load-b" (i32.const 8)) (i32.const 9))

;; memory.copy in both directions, bounds checked against each side's own memory.
(invoke "copy-b-to-a" (i32.const 100) (i32.const 65536) (i32.const 4))
(assert_return (invoke "load-a" (i32.const 100)) (i32.const 0x04030201))
(assert_trap (invoke "copy-b-to-a" (i32.const 65534) (i32.const 0) (i32.const 4)) "out of bounds memory access")
(invoke "copy-a-to-b" (i32.const 100000) (i32.const 8) (i32.const 4))
(assert_return (invoke "load-b" (i32.const 100000)) (i32.const 7))
(assert_trap (invoke "copy-a-to-b" (i32.const 0) (i32.const 65534) (i32.const 4)) "out of bounds memory access")
(invoke "fill-b" (i32.const 200) (i32.const 0xff) (i32.const 2))
(assert_return (invoke "load-b" (i32.const 200)) (i32.const 0xffff))
(assert_return (invoke "load-a" (i32.const 200)) (i32.const 0))
(invoke "init-b" (i32.const 300) (i32.const 1) (i32.const 3))
(assert_return (invoke "load-b" (i32.const 300)) (i32.const 0x00646362))

;; Growing memory 1 leaves memory 0 as it was.
(assert_return (invoke "grow-b" (i32.const 1)) (i32.const 2))
(assert_return (invoke "size") (i32.const 13))
(assert_return (invoke "load-b" (i32.const 131072)) (i32.const 0))
(assert_trap (invoke "load-a" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "grow-b" (i32.const 2)) (i32.const -1))

;; Importing both memories of $m under other indices.
(register "m" $m)
(module
  (import "m" "b" (memory $x 3))
  (import "m" "a" (memory $y 1))
  (memory $own 1)
  (func (export "read-x") (param i32) (result i32) (i32.load $x (local.get 0)))
  (func (export "read-y") (param i32) (result i32) (i32.load $y (local.get 0)))
  (func (export "own-size") (result i32) (memory.size $own))
)
(assert_return (invoke "read-x" (i32.const 8)) (i32.const 9))
(assert_return (invoke "read-y" (i32.const 8)) (i32.const 7))
(assert_return (invoke "own-size") (i32.const 1))
(assert_unlinkable
  (module (import "m" "a" (memory 2)))
  "incompatible import type")

;; Shared memories: a maximum is required, imports match the flag, execution works as for any memory.
(assert_invalid (module (memory 1 shared)) "shared memory must have maximum")
(module
  (memory (export "s") 1 2 shared)
  (func (export "rw") (param i32) (result i32) (i32.store (local.get 0) (i32.const 5)) (i32.load (local.get 0)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
)
(assert_return (invoke "rw" (i32.const 12)) (i32.const 5))
(assert_return (invoke "grow") (i32.const 1))
(assert_return (invoke "grow") (i32.const -1))
(register "s")
(module (import "s" "s" (memory 1 2 shared)))
(assert_unlinkable (module (import "s" "s" (memory 1 2))) "incompatible import type")
(module (import "spectest" "shared_memory" (memory 1 2 shared)))
