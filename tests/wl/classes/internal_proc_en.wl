// A member hides a global of the same name in its methods, and in their internal
// procedures too.
g_n is int = 99
cA is Class
	g_n is int = 5
END
a is cA
Trace(a.Get())
PROCEDURE cA::Get()
INTERNAL PROCEDURE Inner()
	RESULT g_n + 1
END
RESULT Inner()
