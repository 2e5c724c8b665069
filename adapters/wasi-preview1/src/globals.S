# The adapter's two wasm globals besides the stack pointer (C cannot declare wasm globals).
#  allocation_state: shared with the stack allocation wit-component adds (gc.rs), found there by this name.
#  state_ptr: the address of the adapter's state page (adapter.h), 0 until allocated.

	.globaltype	allocation_state, i32
allocation_state:
	.globaltype	state_ptr, i32
state_ptr:

	.globl	get_allocation_state
	.type	get_allocation_state,@function
get_allocation_state:
	.functype	get_allocation_state () -> (i32)
	global.get	allocation_state
	end_function

	.globl	set_allocation_state
	.type	set_allocation_state,@function
set_allocation_state:
	.functype	set_allocation_state (i32) -> ()
	local.get	0
	global.set	allocation_state
	end_function

	.globl	get_state_ptr
	.type	get_state_ptr,@function
get_state_ptr:
	.functype	get_state_ptr () -> (i32)
	global.get	state_ptr
	end_function

	.globl	set_state_ptr
	.type	set_state_ptr,@function
set_state_ptr:
	.functype	set_state_ptr (i32) -> ()
	local.get	0
	global.set	state_ptr
	end_function
