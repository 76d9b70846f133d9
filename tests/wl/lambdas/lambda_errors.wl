// exit: 1
p is Procedure = (a) => { RESULT a + unknownThing }
t is array of int = [2, 1]
ArraySort(t, asFunction, NoSuchCompare)
