// EXTERNE d'un nom : l'exception se rattrape.
EXTERNE MonObjet
QUAND EXCEPTION DANS
    MonObjet.Affiche()
FAIRE
    Trace("rattrapée")
FIN
Trace("fin")
