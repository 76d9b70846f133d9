"""The Duration type (PC SOFT, "Duration (Variable type)", doc.windev.com/?1514069; French
Durée): an interval to the millisecond.  The value class is `values.Duration` (the
operators add, subtract, scale and compare it); this module declares it with its
properties: the whole length in a unit (`InSeconds`...) and each component (`Minute`,
a property PC SOFT documents for Durations too: doc.pcsoft.fr/?2512050)."""
from __future__ import annotations

from ...registry import Declarations, Property
from ..values import Duration

DECLARE = Declarations()

Duration.PROPERTIES = (
    Property("InMilliseconds", ("EnMillisecondes",), "int", attr="in_milliseconds",
             doc="the whole length in milliseconds"),
    Property("InSeconds", ("EnSecondes",), "real", attr="in_seconds",
             doc="the whole length in seconds (a real when not a whole number)"),
    Property("InMinutes", ("EnMinutes",), "real", attr="in_minutes",
             doc="the whole length in minutes"),
    Property("InHours", ("EnHeures",), "real", attr="in_hours",
             doc="the whole length in hours"),
    Property("InDays", ("EnJours",), "real", attr="in_days", doc="the whole length in days"),
    Property("Millisecond", ("Milliseconde",), "int", attr="millisecond",
             doc="the milliseconds component (0 to 999)"),
    Property("Second", ("Seconde",), "int", attr="second", doc="the seconds component (0 to 59)"),
    Property("Minute", (), "int", attr="minute", doc="the minutes component (0 to 59)"),
    Property("Hour", ("Heure",), "int", attr="hour", doc="the hours component (0 to 23)"),
    Property("Day", ("Jour",), "int", attr="day", doc="the number of whole days"),
)
DECLARE.wltype("Duration", ("Durée",))(Duration)
