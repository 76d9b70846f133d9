// Array functions and methods
recipients is array of strings
ArrayAdd(recipients, "a@example.com")
Add(recipients, "b@example.com")
recipients.Add("c@example.com")
Info(ArrayCount(recipients), recipients.Count())
ArrayDelete(recipients, 2)
ArrayInsert(recipients, 1, "first@example.com")
Info(ArrayToString(recipients, ";"))
Info(ArraySeek(recipients, asLinear, "c@example.com"), ArraySeek(recipients, asLinear, "zz"))
recipients.Delete(1)
recipients.Insert(2, "mid@example.com")
Info(ArrayToString(recipients, ","))
ArrayDeleteAll(recipients)
Info(ArrayCount(recipients))
numbers is array of int
StringToArray("3,1,2", numbers, ",")
Info(numbers[1] + numbers[2] + numbers[3])
