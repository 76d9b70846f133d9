/* block
   comment */
s is string = "say ""hi"""   // doubled quotes
Info(s, "C:\temp\new.txt", `back"tick`)
long is string = "a" + ...
	"b" + ... // a comment after the continuation
	"c"
Info(long)
multi is string = [
	first line
	second line
]
Info(multi)
arr is array of int = [
	1,
	2
]
Info(ArrayCount(arr))
Info(0x1F, 3.5, Length(CR), TAB = Charact(9))
