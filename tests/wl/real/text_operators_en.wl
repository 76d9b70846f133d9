// starts with [=, contains [=], ends with =]; ~ folds case, accents and outer spaces, ~~ also drops spaces and punctuation
address is string = "Ann.Smith@Example.org"
Trace(address [= "Ann", address [= "ann", address [~ " ann")
Trace(address [=] "@Example", address [~] "@EXAMPLE", address [~~] "smithexample")
Trace(address =] ".org", address ~] ".ORG ", address ~~] "exampleorg")
Trace("Élan vital" ~~ "elan-VITAL", "a" ~~ "b")
SWITCH address
	CASE =] ".com"
		Trace("com")
	CASE ~] ".ORG"
		Trace("org")
END
