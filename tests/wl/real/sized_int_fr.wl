// entiers dimensionnés
a est un entier sur 1 octet = 200
Trace(a)
b est un entier sans signe sur 2 octets = 65536 + 5
Trace(b)
c est un entier sur 8 octets = -9223372036854775808
c--
Trace(c)
d est un octet = 256
Trace(d)
e est un entier sur 4 octets = 3.9
Trace(e)
f est un entier système = 1
Trace(f)
