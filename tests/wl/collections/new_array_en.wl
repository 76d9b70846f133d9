// `NEW array of N T`: a new dynamic array of N elements (their default value); the
// variable that takes it shares it, as `=` does with arrays.
recipients is array of string
recipients = new array of 2 string
recipients[1] = "ann@example.com"
recipients.Add("bob@example.com")
Trace(recipients.Count + " [" + recipients[2] + "] " + recipients[3])
counts is dynamic array
counts = NEW dynamic array of 3 int
Trace(counts.Count + " " + counts[3])
empty is array of int = new array of int
Trace(empty.Count)
// Each NEW gives another array.
a is array of int = new array of 1 int
b is array of int = new array of 1 int
a[1] = 5
Trace(b[1])
