"""The commitment plan's rules in words, built from the constants the form and the services
enforce (courses/followup/models.py), so the instructions on the pages cannot drift from them.

    commitments_range()  "one to three"       MIN_COMMITMENTS .. MAX_COMMITMENTS
    checkin_weeks()      "1, 3 and 8"         DEFAULT_CHECKIN_WEEKS
    MAX_MONTHS_AHEAD     6                    how far ahead one's own dates may be
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.followup.models import DEFAULT_CHECKIN_WEEKS, MAX_COMMITMENTS, MAX_MONTHS_AHEAD, MIN_COMMITMENTS

NUMBER_WORDS = {
    1: gettext_lazy("one"),
    2: gettext_lazy("two"),
    3: gettext_lazy("three"),
    4: gettext_lazy("four"),
    5: gettext_lazy("five"),
    6: gettext_lazy("six"),
    7: gettext_lazy("seven"),
    8: gettext_lazy("eight"),
    9: gettext_lazy("nine"),
    10: gettext_lazy("ten"),
}


def number_word(n: int) -> str:
    """A small number spelled out ("three"); larger ones as digits."""
    return str(NUMBER_WORDS.get(n, n))


def commitments_range() -> str:
    """ "one to three" (or "three" when the minimum is the maximum)."""
    if MIN_COMMITMENTS == MAX_COMMITMENTS:
        return number_word(MAX_COMMITMENTS)
    return _("%(min)s to %(max)s") % {"min": number_word(MIN_COMMITMENTS), "max": number_word(MAX_COMMITMENTS)}


def checkin_weeks() -> str:
    """ "1, 3 and 8": the recommended check-ins, in weeks."""
    return str(get_text_list([str(w) for w in DEFAULT_CHECKIN_WEEKS], _("and")))


def rhythm_default_label() -> str:
    return _("Check in after %(weeks)s weeks (recommended)") % {"weeks": checkin_weeks()}


def rhythm_custom_label() -> str:
    return _("Choose my own dates (within %(months)d months)") % {"months": MAX_MONTHS_AHEAD}


# For form choices, built at import time but translated when shown.
rhythm_default_label_lazy = lazy(rhythm_default_label, str)
rhythm_custom_label_lazy = lazy(rhythm_custom_label, str)


def plan_rules() -> dict[str, object]:
    """What the plan templates say about the rules (see the plan_rules template tag)."""
    return {
        "commitments": commitments_range(),
        "max_commitments": MAX_COMMITMENTS,
        "weeks": checkin_weeks(),
        "months": MAX_MONTHS_AHEAD,
    }
