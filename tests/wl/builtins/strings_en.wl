// String functions, English names
s is string = "Hello World"
Info(Length(s), Upper(s), Lower(s))
Info(Left(s, 5) + "|" + Right(s, 5) + "|" + Middle(s, 7, 3) + "|" + Middle(s, 7))
Info(Position(s, "o"), Position(s, "o", 6), Position(s, "z"), Position(s, "WORLD", 1, IgnoreCase))
Info(Replace("a-b-c", "-", "+"), Contains(s, "World"), Contains(s, "world"))
Info("[" + NoSpace("  padded  ") + "]", "[" + Complete("ab", 5, ".") + "]")
Info(ExtractString("one;two;three", 2, ";"), ExtractString("one;two", 3, ";") = EOT)
Info(StringBuild("%1 message(s) sent to %2", 3, "bob@example.com"))
parts is array of strings
StringToArray("a,b,c", parts, ",")
Info(ArrayCount(parts), parts[3])
Info("col1" + TAB + "col2")
Info(Length(CR), Length(LF), Charact(65), Asc("a"), Repeat("ab", 2))
