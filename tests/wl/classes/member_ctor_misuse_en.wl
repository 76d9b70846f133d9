// exit: 1
// Misuse of members' constructors, found by check (6010001).
cLog is Class
 sName is string
END
cBox is Class
 log is cLog
 two is cLog("a", "b")
 dyn is cLog dynamic("x")
END
cBox2 is Class
 l is cLog("a")
END
o is cBox
PROCEDURE cLog::Constructor(s is string)
sName = s
PROCEDURE cBox2::Constructor()
Constructor l("b")
