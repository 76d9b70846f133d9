// exit: 1
// EXTERN with a name: an object of the running WINDEV application.
EXTERN console
Trace("before")
console.Write("hello")
Trace("never")
