// a declaration's multi-line string may open on the line after `=`
sQuery is string =
[
	SELECT IDFolder FROM Folder
	WHERE IDAccount={pIDAccount}
]
Trace(Replace(sQuery, CR, " | "))
sEmpty is string = "kept"
Trace(sEmpty)
