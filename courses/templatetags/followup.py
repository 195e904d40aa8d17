"""{% plan_rules as rules %}: the commitment plan's rules in words (courses/followup/wording.py),
for the plan page and the plan exercise panel, which is rendered inside the exercises area's page."""

from __future__ import annotations

from django import template

from courses.followup.wording import plan_rules as _plan_rules

register = template.Library()


@register.simple_tag
def plan_rules() -> dict[str, object]:
    return _plan_rules()
