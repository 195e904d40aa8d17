"""Is a page valid HTML? The checks the HTML tests use (tests/html/test_html_valid.py,
tests/hostile/test_hostile_html.py).

Covered:
- every parse error of the WHATWG HTML parsing algorithm, through html5lib (a pure-Python
  implementation of it): a missing doctype, unclosed elements (`<div>` still open at `</body>` or at
  the end of the file), misnested ones (`<b><i></b></i>`), stray end tags, a form inside a form, a
  link inside a link, a block in a table, duplicate attributes, `<div/>`;
- duplicate `id` values (in HTML and inline SVG alike);
- `datetime` attributes of `<time>`, `<ins>` and `<del>`, and the text of a `<time>` without one:
  HTML's valid date and time strings (a year, month, date, yearless date, time, local or global
  date and time, week, time-zone offset, or duration; at most three digits of fractional seconds,
  real calendar dates).

Not covered (a conformance checker such as the Nu validator, which needs Java, would see them):
content models (a `<div>` inside a `<button>`, a `<ul>` whose child is not an `<li>`), attributes
that an element does not allow or values of other attributes, ARIA rules (axe-core checks those in
the browser tests), and CSS.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

import html5lib
from html5lib.constants import E

_DATE = r"(?P<y>\d{4,})-(?P<m>\d\d)-(?P<d>\d\d)"
_TIME = r"(?P<H>\d\d):(?P<M>\d\d)(?::(?P<S>\d\d)(?:\.\d{1,3})?)?"
_ZONE = r"(?:Z|[+-](?P<zh>\d\d):?(?P<zm>\d\d))"
_COMPONENT = r"(?:\d+(?:\.\d{1,3})?\s*[Ss]|\d+\s*[WwDdHhMm])"  # "4h 18m 3.5s"
DATETIME_FORMS = {
    "year": re.compile(r"\d{4,}"),
    "month": re.compile(r"(?P<y>\d{4,})-(?P<m>\d\d)"),
    "date": re.compile(_DATE),
    "yearless date": re.compile(r"(?:--)?(?P<m>\d\d)-(?P<d>\d\d)"),
    "time": re.compile(_TIME),
    "local date and time": re.compile(rf"{_DATE}[T ]{_TIME}"),
    "time-zone offset": re.compile(_ZONE),
    "global date and time": re.compile(rf"{_DATE}[T ]{_TIME}{_ZONE}"),
    "week": re.compile(r"(?P<y>\d{4,})-W(?P<w>\d\d)"),
    "duration": re.compile(r"P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)?"),
    "duration (components)": re.compile(rf"\s*{_COMPONENT}(?:\s*{_COMPONENT})*\s*"),
}
# <ins datetime> and <del datetime>: "a valid date string with optional time".
INS_DEL_FORMS = ("date", "global date and time")


def _weeks(year: int) -> int:
    """ISO weeks in a week-year: 53 when 1 January is a Thursday, or a Wednesday in a leap year."""
    jan1 = calendar.weekday(year, 1, 1)
    return 53 if jan1 == 3 or (jan1 == 2 and calendar.isleap(year)) else 52


def _in_range(match: re.Match) -> bool:
    """The numbers name a real date and time (no 30 February, no 25:61)."""
    g = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    year = g.get("y", 2000) % 400 + 2000  # the calendar repeats every 400 years; 2000 allows 29 February
    if g.get("y", 1) == 0 or not 1 <= g.get("m", 1) <= 12:
        return False
    if "d" in g and not 1 <= g["d"] <= calendar.monthrange(year, g["m"])[1]:
        return False
    if "w" in g and not 1 <= g["w"] <= _weeks(year):
        return False
    return (
        g.get("H", 0) <= 23
        and g.get("M", 0) <= 59
        and g.get("S", 0) <= 59
        and g.get("zh", 0) <= 23
        and g.get("zm", 0) <= 59
    )


def datetime_form(value: str, forms=tuple(DATETIME_FORMS)) -> str | None:
    """Which valid date/time string `value` is (None: not a valid one)."""
    for name in forms:
        match = DATETIME_FORMS[name].fullmatch(value)
        if match and _in_range(match):
            return name
    return None


def _parse_errors(parser, lines: list[str]) -> list[str]:
    problems = []
    for (line, col), code, data in parser.errors:
        message = E.get(code, code) % data if isinstance(data, dict) else code
        source = lines[line - 1].strip()[:160] if 0 < line <= len(lines) else ""
        problems.append(f"line {line}:{col}: {message} [{code}]  {source}")
    return problems


def _duplicate_ids(tree) -> list[str]:
    ids = Counter(el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id") is not None)
    return [f'id="{value}" is used {n} times' for value, n in ids.items() if n > 1]


def _datetimes(tree) -> list[str]:
    problems = []
    for el in tree.iter():
        if el.tag not in {"time", "ins", "del"}:
            continue
        value = el.get("datetime")
        if value is None:
            if el.tag == "time":
                text = "".join(el.itertext())
                if el.find("*") is not None or datetime_form(text) is None:
                    problems.append(f"<time> without datetime has text that is no valid date/time: {text.strip()!r}")
            continue
        forms = INS_DEL_FORMS if el.tag in {"ins", "del"} else tuple(DATETIME_FORMS)
        if datetime_form(value, forms) is None:
            problems.append(f'<{el.tag} datetime="{value}"> is no valid date/time string')
    return problems


def html_problems(body: bytes | str) -> list[str]:
    """Everything the checks above find wrong in one page; [] for a valid page."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parse(body)
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    return _parse_errors(parser, text.splitlines()) + _duplicate_ids(tree) + _datetimes(tree)
