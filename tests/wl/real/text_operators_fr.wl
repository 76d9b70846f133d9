// commence par, contient, finit par
sujet est une chaîne = "Re: Facture n°12"
SI sujet [= "Re:" ALORS Trace("réponse")
SI sujet [~] "FACTURE" ALORS Trace("facture")
SI sujet =] "12" ET PAS sujet [=] "Devis" ALORS Trace("numéro 12")
