// fixed array: its size is set by the declaration
// exit: 1
arrColors is fixed array of 3 int
arrColors[1] = 10
arrColors[3] = 30
Trace(ArrayCount(arrColors), arrColors[1] + arrColors[2] + arrColors[3])
arrNames is fixed array of 2 strings
arrNames[2] = "b"
Trace(ArrayCount(arrNames), "[" + arrNames[1] + arrNames[2] + "]")
ArrayAdd(arrColors, 40)
