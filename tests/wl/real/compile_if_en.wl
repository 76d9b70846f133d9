// Conditional compilation: the configuration is a Windows 64-bit executable.
<COMPILE IF Configuration = "Windows 64-bit executable">
Trace("64-bit executable")
i is int = 12
<ELSE>
Trace("another configuration")
i is string = 24
CallOnlyKnownOnAndroid()
<END>
Trace("i = " + i)
<COMPILE IF Configuration <> "Java archive" AND ConfigurationType = WindowsApplication>
Trace("not Java, a Windows application")
<END>
<compile if Configuration = "Linux64" OR ConfigurationType = Android>
Trace("Linux or Android")
<else>
Trace("neither Linux64 nor Android")
<end>
// A constant whose value depends on the configuration.
<COMPILE IF Configuration <> "Java archive">
CONSTANT
Constant_Name = 10
END
<ELSE>
CONSTANT
Constant_Name = 20
END
<END>
Trace(Constant_Name)
<IF ExecutionTarget = WindowsApplication OR ExecutionTarget = Java>
Trace("target: Windows")
<END>
IF i > 0 THEN
    <COMPILE IF NOT Configuration = "Windows 64-bit executable">
    Trace("never")
    <ELSE>
    Trace("inside a block")
    <END>
END
Report()

PROCEDURE Report()
<COMPILE IF ConfigurationType <> Webservice>
Trace("in a procedure")
<END>
