// In a method, assigning a member's bare name assigns the member, not a global of the
// same name.
g is int = 1
cA is Class
 g is int
END
a is cA
a.Set()
Trace(g, a.g)
PROCEDURE cA::Set()
g = 7
