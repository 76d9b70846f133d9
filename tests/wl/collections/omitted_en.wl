// `*` stands for an omitted argument: the parameter takes its default value.
Greet("Ann", *, "!")
Greet(*, *, *)
Trace(ArrayToString(["a", "b"], *))
PROCEDURE Greet(name = "you", greeting = "Hello", mark = ".")
Trace(greeting + " " + name + mark)
