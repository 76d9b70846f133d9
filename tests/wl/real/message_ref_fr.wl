// une référence de message multilingue
titre est une chaîne = <§$0010§>
SI titre <> "" ALORS Trace(titre)
