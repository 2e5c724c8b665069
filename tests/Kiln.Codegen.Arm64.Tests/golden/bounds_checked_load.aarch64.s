0000: stp x29, x30, [sp, #-0x10]!
0004: mov x29, sp
0008: add x8, x1, #4
000c: cmp x8, x2
0010: b.hi #0x20
0014: ldr w0, [x0, x1]                ; trap: heap_out_of_bounds
0018: ldp x29, x30, [sp], #0x10
001c: ret
0020: udf #2                          ; trap: heap_out_of_bounds
