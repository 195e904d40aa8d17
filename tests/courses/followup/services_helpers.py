"""One more observer builder, for other areas' tests (no tests here)."""

from __future__ import annotations

from courses.followup.services.observers import observers_set


def observers_set_simple(plan, *, n: int = 3) -> None:
    emails = [f"p{plan.pk}-o{i}@example.com" for i in range(1, n + 1)]
    observers_set(plan=plan, emails=emails, items={c.pk: "They ask first" for c in plan.commitments.all()})
