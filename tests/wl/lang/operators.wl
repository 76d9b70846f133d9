Info(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 modulo 3, -7 modulo 3, -(2 + 3))
Info("port (" + 587 + ")", 1 + 2 + "a", "a" + 1 + 2)
Info(1 = 1, 1 <> 2, 2 < 3, 3 <= 3, 4 > 5, 5 >= 5)
Info("Été" ~= "ete", "abc" = "ABC", "a" < "b")
Info(True AND False, True OR False, NOT False, True _AND_ True, False _OR_ True)
Info(Vrai ET Faux, Vrai OU Faux, PAS Vrai)
Info(0.1 + 0.2, 10 / 4, 1 / 3)
dir is string = "C:\temp"
Info(dir + ["\"] + "a.txt", "C:\temp\" + ["\"] + "b.txt")
i is int = 5
i++
i -= 2
i += 10
Info(i)
