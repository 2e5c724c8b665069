// The command flavor's export: wasi:cli/run's `run` starts the program (its `_start`, imported from the main
// module). A program that ends by returning from `_start` succeeded; one that calls proc_exit never returns here.
#include "adapter.h"

WASI_IMPORT("__main_module__", "_start") void main_start(void);

__attribute__((export_name("wasi:cli/run@0.2.0#run"))) u32 run(void)
{
    main_start();
    return 0; // result::ok
}
