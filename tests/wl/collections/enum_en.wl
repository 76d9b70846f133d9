// Enumerations: members, an associated value, ..Name / ..Value, comparison, parameters.
RobotState is Enumeration
	Walking
	Stopped = "S"
	OutOfOrder
END
r is RobotState
Trace("default: " + r + " " + r..Name + " " + r..Value)
r = Stopped
Trace(r..Name + " " + r..Value)
IF r = RobotState.Stopped THEN Trace("stopped")
IF r > Walking AND r < OutOfOrder THEN Trace("between")
SWITCH r
	CASE Walking: Trace("walking")
	CASE Stopped: Trace("case stopped")
END
Describe(OutOfOrder)
PROCEDURE Describe(state is RobotState)
Trace("state " + state + ", rank " + state..Value)
