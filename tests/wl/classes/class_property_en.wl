// o..Class (doc.windev.com 2514004): the name of the object's own class, "" when NULL.
cB is Class
END
cS is Class
 inherits from cB
END
po is cB dynamic
Trace("[" + po..Class + "]")
po = new cS
Trace(po..Class)
po = new cB
Trace(po.Class)
v is Variant = po
Trace(v..Class)
