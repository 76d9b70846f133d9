// <COMPILE SI> entre les clauses d'une instruction
nPort est un entier = 465
SELON nPort
	<COMPILE SI TypeConfiguration = ApplicationWindows>
	CAS 465
		Trace("TLS implicite")
	<SINON>
	CAS 465
		Trace("TLS implicite, ailleurs")
	<FIN>
	AUTRE CAS
		Trace("un autre port")
FIN
SI nPort = 25 ALORS
	Trace("25")
<COMPILE SI TypeConfiguration = Webservice>
SINON
	Trace("jamais ici")
<FIN>
FIN
Trace("fini")
