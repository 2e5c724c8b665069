// Fixed-width integers without a C library (the adapter is freestanding: -nostdlib, no headers of a libc).
#ifndef KILN_TYPES_H
#define KILN_TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed int s32;
typedef signed long long s64;
typedef unsigned long usize;

#define NULL ((void *)0)

#endif
