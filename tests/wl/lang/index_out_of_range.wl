// exit: 1
arr is array of int
Add(arr, 1)
Info(arr[2])
Info("never")
