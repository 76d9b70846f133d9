// Compilation conditionnelle, en français.
<COMPILE SI Configuration = "Exécutable Windows 64 bits">
Trace("exécutable 64 bits")
i est un entier = 12
<SINON>
Trace("autre configuration")
i est une chaîne = 24
<FIN>
Trace("i = " + i)
<COMPILE SI Configuration <> "Archive Java" ET TypeConfiguration = ApplicationWindows>
Trace("pas Java, une application Windows")
<FIN>
<COMPILE SI Configuration = "Linux64" OU TypeConfiguration = Android>
Trace("Linux ou Android")
<SINON>
Trace("ni Linux64 ni Android")
<FIN>
<SI CibleExécution = ApplicationWindows>
Trace("cible : Windows")
<FIN>
<COMPILE SI TypeConfiguration = iOS>
FonctionInconnueAilleurs()
<FIN>
