# The reactor world of wit/adapter.wit, encoded (wit/reactor.component-type.bin) as the component-type custom section.
	.section	".custom_section.component-type:kiln-wasi-preview1-reactor","",@
	.incbin	"reactor.component-type.bin"
