0000: stp x29, x30, [sp, #-0x10]!
0004: mov x29, sp
0008: mov w8, w1
000c: cbz w8, #0x1c
0010: movz w9, #0
0014: movz w10, #0
0018: b #0x28
001c: movz w8, #0
0020: mov x0, x8
0024: b #0x40
0028: ldr w11, [x0, x10, lsl #2]      ; trap: heap_out_of_bounds
002c: add w9, w9, w11
0030: add w10, w10, #1
0034: cmp w10, w8
0038: b.lo #0x28
003c: mov x0, x9
0040: ldp x29, x30, [sp], #0x10
0044: ret
