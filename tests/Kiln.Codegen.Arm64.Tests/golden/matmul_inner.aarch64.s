0000: stp x29, x30, [sp, #-0x10]!
0004: mov x29, sp
0008: mov w8, w1
000c: mov w9, w2
0010: mov w10, w3
0014: cbz w10, #0x24
0018: fmov d16, xzr
001c: movz w11, #0
0020: b #0x30
0024: fmov d16, xzr
0028: fmov d0, d16
002c: b #0x5c
0030: ldr d17, [x0, x8]               ; trap: heap_out_of_bounds
0034: add x16, x0, x9
0038: ldr d18, [x16, #8]              ; trap: heap_out_of_bounds
003c: fmul d17, d17, d18
0040: fadd d16, d16, d17
0044: add w8, w8, #8
0048: add w9, w9, w10
004c: add w11, w11, #1
0050: cmp w11, w10
0054: b.lo #0x30
0058: fmov d0, d16
005c: ldp x29, x30, [sp], #0x10
0060: ret
