// exit: 1
// Through a Variant the class is only known at run time: the visibility is checked then.
cVault is Class
	PRIVATE m_nGold is int = 10
END
v is Variant
w is cVault dynamic = new cVault
v = w
Trace(v.m_nGold)
