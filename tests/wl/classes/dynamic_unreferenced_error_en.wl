// exit: 1
// A fatal error in a destructor run as the last reference goes cannot stop the line that
// dropped it: the script goes on and ends with that error when its main code ends.
cA is Class
 n is int
END
p is cA dynamic = new cA
p = NULL
Trace("after")
PROCEDURE cA::Destructor()
Trace("~cA")
x is int = "abc"
