;; Malformed binaries the decoder must reject, and well-formed ones it must accept.

(module binary "\00asm" "\01\00\00\00")
(module binary
  "\00asm" "\01\00\00\00"
  "\01\05\01\60\00\01\7f"          ;; type: [] -> [i32]
  "\03\02\01\00"                   ;; function 0: type 0
  "\07\05\01\01\66\00\00"          ;; export "f" func 0
  "\0a\06\01\04\00\41\2a\0b")      ;; code: i32.const 42 end

(assert_malformed (module binary "") "unexpected end")
(assert_malformed (module binary "\00asm") "unexpected end")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "asm\00" "\01\00\00\00") "magic header not detected")
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\0e\01\00") "malformed section id")

;; Section size larger than what follows.
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\10\01\60\00\00") "unexpected end")

;; A type count of 2^32-1 with nothing behind it: must fail without allocating.
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\05\ff\ff\ff\ff\0f") "unexpected end")

;; LEB128: too long, and too large in the last byte.
(assert_malformed
  (module binary "\00asm" "\01\00\00\00" "\05\07\01\00\82\80\80\80\80\00")
  "integer representation too long")
(assert_malformed
  (module binary "\00asm" "\01\00\00\00" "\05\06\01\00\82\80\80\80\70")
  "integer too large")

;; Function and code sections disagree.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\03\02\00\00"
    "\0a\04\01\02\00\0b")
  "function and code section have inconsistent lengths")

;; memory.size's immediate, Wasm 2.0's reserved zero byte, is a memory index with multi-memory (kiln wast --wasm-2.0
;; still calls a non-zero byte malformed).
(assert_invalid
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\05\03\01\00\01"
    "\0a\07\01\05\00\3f\01\1a\0b")
  "unknown memory 1")

;; An unknown opcode.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0a\05\01\03\00\ff\0b")
  "illegal opcode")

;; A body that does not end with `end`.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0a\05\01\03\00\01\01")
  "END opcode expected")

;; Custom sections may appear anywhere and are kept.
(module binary
  "\00asm" "\01\00\00\00"
  "\00\05\04name"
  "\00\07\04kiln\01\02"
  "\01\04\01\60\00\00"
  "\00\04\01x\ff\ff")

;; A custom section whose name runs past the section is malformed.
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\00\02\05ab") "unexpected end")
