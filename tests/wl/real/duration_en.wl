// Durations: literals, the Duration type, its properties and arithmetic.
TaskDuration is Duration = 3 min 30s
Trace(TaskDuration)
Trace(TaskDuration.InSeconds)
Trace(TaskDuration.InMilliseconds)
Trace(TaskDuration.InMinutes)
Trace(TaskDuration.Minute + ":" + TaskDuration.Second)
Pause is Duration = 500ms
Trace(Pause.InSeconds)
Total is Duration = TaskDuration + Pause
Trace(Total.InMilliseconds)
Trace((TaskDuration * 2).InMinutes)
Trace(TaskDuration / 30s)
Trace((TaskDuration - 1min).InSeconds)
IF TaskDuration > 1min THEN Trace("longer than a minute")
IF (2h) = 120min THEN Trace("2h is 120min")
Long is Duration = 1d
Trace(Long.InHours)
Long.InSeconds = 90
Trace(Long, Long.Minute, Long.Second)
Long = "+0000330000"
Trace(Long.InSeconds)
Long = 2500
Trace(Long.InSeconds)
Long = "1 min 30 s"
Trace(Long.InSeconds)
Trace("It took " + 1h)
// A Duration is what EmailSetTimeOut takes too.
Trace(EmailSetTimeOut(30s))
Trace(EmailGetTimeOut())
Trace(EmailSetTimeOut(TaskDuration))
Trace(EmailGetTimeOut())
