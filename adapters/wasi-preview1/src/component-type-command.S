# The command world of wit/adapter.wit, encoded (wit/command.component-type.bin) as the component-type custom section.
	.section	".custom_section.component-type:kiln-wasi-preview1-command","",@
	.incbin	"command.component-type.bin"
