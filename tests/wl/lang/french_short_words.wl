// Short French keywords are names where the grammar expects a name
a, b are int
a = 2
de is int = 3
pas is int = 4
Info(a + de + pas)
