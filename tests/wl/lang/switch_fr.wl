SELON 3
	CAS 1 A 2 : Info("petit")
	CAS 3 : Info("trois")
	AUTRE CAS : Info("autre")
FIN
