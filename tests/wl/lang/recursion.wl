// exit: 1
Forever(1)
PROCEDURE Forever(n)
Forever(n + 1)
