// Arrays: 1-based, Add, ArrayAdd, Count, literals, fixed arrays, FOR EACH
arr is array of strings
Add(arr, "a")
ArrayAdd(arr, "b")
arr.Add("c")
Info(ArrayCount(arr), arr.Count(), arr..Count, arr[1], arr [3])
nums is array of int = [1, 2, 3]
total is int
FOR EACH v OF nums
	total += v
END
Info(total)
fixed is array of 3 int
fixed[2] = 5
Info(fixed[1], fixed[2], ArrayCount(fixed))
arr[4] = "d"
Info(ArrayCount(arr))
