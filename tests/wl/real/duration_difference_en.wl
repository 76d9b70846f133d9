// Times, dates and datetimes minus each other are Durations (PC SOFT, "Duration (Variable
// type)": ConferenceDuration is Duration = EndTime - StartTime)
StartTime is Time = "1330"
EndTime is Time = "1730"
ConferenceDuration is Duration = EndTime - StartTime
Trace(ConferenceDuration, ConferenceDuration.InHours)
s is time = "125324"
e is time = "140852"
Trace((e - s).Hour, (e - s).Minute, (e - s).Second)     // 1 15 28
Trace(s - e)                                               // negative
Trace((s - e) < 0)
first is date = "20240101"
last is date = "20240301"
Trace((last - first).InDays)                               // a leap year: 60
sent is datetime = "2024010112000000"
read is datetime = "2024010213305000"
Trace(read - sent)
Trace((sent - first).InHours)                              // a date is its midnight
WHEN EXCEPTION IN
	broken is time = "2575"
	Trace(EndTime - broken)
DO
	Trace(ExceptionInfo())
END
