// exit: 1
SAI_Destinataire = "a@example.com"
