"""English date formats of the site (Django's own are American: "Dec. 1, 2026, 2 p.m.").
Dutch uses Django's formats. Read through lms/templatetags/dates.py."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
