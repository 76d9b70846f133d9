// <COMPILE SI> dans un bloc CONSTANTE
CONSTANTE
	APPLI = "envoi"
	<COMPILE SI TypeConfiguration = Android OU TypeConfiguration = iOS>
	BOITE = "/sdcard/envoi"
	<SINON>
	BOITE = "C:\envoi"
	<FIN>
	ESSAIS = 3
FIN
Trace(APPLI, BOITE, ESSAIS)
<COMPILE SI TypeConfiguration = ApplicationWindows ET Configuration = "Exécutable Windows 64 bits">
Trace("une application Windows")
<FIN>
<SI CibleExécution <> Site>
Trace("pas un site")
<FIN>
