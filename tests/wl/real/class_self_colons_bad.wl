// `::NAME` outside a class's method has no class to name
// exit: 1
Trace(::KIND_POP)
