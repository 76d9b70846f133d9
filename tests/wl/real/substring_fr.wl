// s[[a À b]] en français
s est une chaîne = "Bonjour"
Trace(s[[1 À 3]])
Trace(s[[4 A]])
Trace(s[[À 2]])
Trace(s[[7]])
