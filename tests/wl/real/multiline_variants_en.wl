// Multi-line strings as an argument and after RESULT, beside the `= [` form.
Trace([
    Dear customer,
    your order has shipped.
])
Trace(Length([
abc
]))
Trace(Body())
Trace(ArrayCount([
1, 2, 3
]))

PROCEDURE Body()
RESULT [
    Line one
    Line two
]
