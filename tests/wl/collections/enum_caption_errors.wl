// exit: 1
Mode is Enumeration
	Fast <caption=12>
	Slow
	Quick = Fast <caption="quick">
END
