// CONSTANT blocks and one-line CONSTANT; usable before their line (known before the code runs)
Trace(Area())
CONSTANT
	WIDTH = 4
	HEIGHT = WIDTH * 2    // a constant may use another one
	LABEL = "box"
END
CONSTANT GREETING = "Hello " + LABEL
Trace(GREETING, WIDTH + HEIGHT)

PROCEDURE Area()
RESULT WIDTH * HEIGHT
