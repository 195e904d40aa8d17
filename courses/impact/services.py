"""Writes for impact: the reaction survey, the pre/post-test flag, and the business-figure upload."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from courses.impact.models import KpiValue, PrePostTest, ReactionSurvey
from courses.learning.models import Course, Exercise

KPI_MAX_ROWS = 20_000
KPI_COLUMNS = ("email", "month", "metric", "value")
KPI_ERRORS_SHOWN = 20


@transaction.atomic
def reaction_survey_submit(
    *, user: User, course: Course, relevance: int, confidence: int, recommend: int, open_answer: str = ""
) -> ReactionSurvey:
    """Store (or replace) the participant's end-of-course reaction."""
    survey = ReactionSurvey.objects.filter(user=user, course=course).first() or ReactionSurvey(user=user, course=course)
    survey.relevance, survey.confidence, survey.recommend = relevance, confidence, recommend
    survey.open_answer = open_answer.strip()
    survey.full_clean(exclude=["user", "course"], validate_constraints=False)
    survey.save()
    return survey


@transaction.atomic
def prepost_test_set(*, course: Course, quiz: Exercise | None) -> PrePostTest | None:
    """Mark one quiz of the course as its pre- and post-test (None: no test)."""
    if quiz is None:
        PrePostTest.objects.filter(course=course).delete()
        return None
    if quiz.course_id != course.pk or quiz.kind != Exercise.Kind.QUIZ:
        raise ValidationError(_("Choose a quiz of this course."), code="wrong_quiz")
    test, _created = PrePostTest.objects.update_or_create(course=course, defaults={"quiz": quiz})
    return test


@dataclass
class KpiUploadResult:
    rows: int = 0
    people: int = 0
    metrics: list[str] = field(default_factory=list)


def _month(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        return None


def _kpi_rows(content: bytes) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again."), "encoding"
        ) from exc
    if "\x00" in text:
        raise ValidationError(_("The file is not a CSV file."), code="binary")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if tuple(header[:4]) != KPI_COLUMNS:
        raise ValidationError(
            _("The first line must be: %(columns)s."), code="header", params={"columns": ",".join(KPI_COLUMNS)}
        )
    rows = [{k.strip().lower(): (v or "") for k, v in row.items() if k} for row in reader]
    if not rows:
        raise ValidationError(_("The file has no rows under its header."), code="empty")
    if len(rows) > KPI_MAX_ROWS:
        raise ValidationError(_("At most %(max)d rows per file."), code="too_many", params={"max": KPI_MAX_ROWS})
    return rows


def kpi_upload_check(*, organization: Organization, content: bytes) -> list[KpiValue]:
    """Every row as a KpiValue (unsaved), or ValidationError listing the problems by line."""
    rows = _kpi_rows(content)
    members = {
        email.lower(): uid
        for uid, email in Membership.objects.filter(organization=organization).values_list("user_id", "user__email")
    }
    this_month = timezone.localdate().replace(day=1)
    errors: list[str] = []
    values: list[KpiValue] = []
    for line, row in enumerate(rows, start=2):
        email, month, metric = row.get("email", "").strip().lower(), _month(row.get("month", "")), row.get("metric", "")
        try:
            number = Decimal(row.get("value", "").strip().replace(",", "."))
            if not number.is_finite() or abs(number) >= Decimal("1e10"):
                raise InvalidOperation
        except InvalidOperation:
            number = None
        problems = []
        if email not in members:
            problems.append(_("%(email)s is not a member of this organization") % {"email": email or "—"})
        if month is None:
            problems.append(_("the month must look like 2026-03"))
        elif month > this_month:
            problems.append(_("%(month)s is in the future") % {"month": row["month"].strip()})
        if not metric.strip() or len(metric.strip()) > 80:
            problems.append(_("the metric needs a name of at most 80 characters"))
        if number is None:
            problems.append(_("“%(value)s” is not a number") % {"value": row.get("value", "")[:40]})
        if problems:
            errors.append(_("Line %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
            continue
        values.append(
            KpiValue(
                organization=organization, user_id=members[email], month=month, metric=metric.strip(), value=number
            )
        )
    if errors:
        shown = errors[:KPI_ERRORS_SHOWN]
        if len(errors) > KPI_ERRORS_SHOWN:
            shown.append(_("… and %(n)d more lines with problems.") % {"n": len(errors) - KPI_ERRORS_SHOWN})
        raise ValidationError(shown, code="rows")
    return values


@transaction.atomic
def kpi_upload(*, organization: Organization, content: bytes) -> KpiUploadResult:
    """All or nothing: every row valid, or nothing stored. A row replaces the same person, month and metric."""
    values = kpi_upload_check(organization=organization, content=content)
    keys = {(v.user_id, v.month, v.metric) for v in values}
    if len(keys) != len(values):
        raise ValidationError(_("The file names the same person, month and metric more than once."), "duplicate")
    KpiValue.objects.bulk_create(
        values,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["organization", "user", "month", "metric"],
        update_fields=["value", "uploaded_at"],
    )
    return KpiUploadResult(
        rows=len(values), people=len({v.user_id for v in values}), metrics=sorted({v.metric for v in values})
    )
