"""Forms for cohorts, live sessions, attendance and drip release. They only parse input;
the services decide (and their ValidationErrors land on the form's fields)."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.cohorts.models import Attendance, Cohort, LiveSession, ModuleRelease
from courses.learning.models import Lesson


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "slug", "starts_on", "ends_on", "enrollment_deadline", "capacity", "timezone", "trainers"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "enrollment_deadline": forms.DateInput(attrs={"type": "date"}),
            "trainers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.course = course
        self.fields["trainers"].queryset = User.objects.filter(is_trainer=True).order_by("full_name", "email")

    def _post_clean(self):
        # Copy values onto the instance; cohort_save validates (it knows about seats and sessions).
        opts = self._meta
        forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)


class SessionForm(forms.ModelForm):
    """Times are entered as wall-clock times in the cohort's zone."""

    starts_at = forms.DateTimeField(label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    class Meta:
        model = LiveSession
        fields = ["title", "description", "starts_at", "ends_at", "location", "meeting_url", "preparation"]
        widgets = {"preparation": forms.CheckboxSelectMultiple}

    def __init__(self, *args, cohort: Cohort, **kwargs):
        self.cohort = cohort
        super().__init__(*args, **kwargs)
        self.instance.cohort = cohort
        tz = cohort.tzinfo
        self.fields["preparation"].queryset = Lesson.objects.filter(course_id=cohort.course_id).order_by(
            "module__position", "position", "id"
        )
        self.fields["starts_at"].help_text = _("In %(tz)s.") % {"tz": cohort.timezone}
        if self.instance.pk:
            for name in ("starts_at", "ends_at"):
                local = timezone.localtime(getattr(self.instance, name), tz).replace(tzinfo=None)
                self.initial[name] = local.strftime("%Y-%m-%dT%H:%M")

    def _aware(self, value: datetime.datetime | None) -> datetime.datetime | None:
        if value is None:
            return None
        naive = value.replace(tzinfo=None) if timezone.is_aware(value) else value
        tz: zoneinfo.ZoneInfo = self.cohort.tzinfo
        return naive.replace(tzinfo=tz)

    def clean_starts_at(self):
        return self._aware(self.cleaned_data.get("starts_at"))

    def clean_ends_at(self):
        return self._aware(self.cleaned_data.get("ends_at"))

    def _post_clean(self):
        # Copy values onto the instance without model validation; session_save validates.
        opts = self._meta
        forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)


class AttendanceForm(forms.Form):
    """One choice per participant, all on one page."""

    def __init__(self, *args, memberships, recorded: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for m in memberships:
            user = m.enrollment.user
            name = f"status_{user.pk}"
            self.fields[name] = forms.ChoiceField(
                label=user.full_name or user.email,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=recorded.get(user.pk, Attendance.Status.UNMARKED),
            )
            self.rows.append((user, name))

    def statuses(self) -> dict[int, str]:
        out = {}
        for user, name in self.rows:
            value = self.cleaned_data.get(name)
            if value:
                out[user.pk] = value
        return out

    def bound_rows(self):
        return [(user, self[name]) for user, name in self.rows]


class CohortMoveForm(forms.Form):
    to_cohort = forms.ModelChoiceField(label=_("Move to cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_cohort"].queryset = Cohort.objects.filter(course_id=cohort.course_id).exclude(pk=cohort.pk)


class EarlyAccessForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=None)

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.order_by("position", "id")


class ModuleReleaseForm(forms.Form):
    mode = forms.ChoiceField(label=_("Opens"), choices=ModuleRelease.Mode.choices)
    release_date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    release_days = forms.IntegerField(label=_("Days"), required=False, min_value=0)


class CohortPickForm(forms.Form):
    """The participant's choice among a course's cohorts (the service checks seats and deadlines)."""

    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(),
        error_messages={
            "required": _("Choose one of the cohorts below."),
            "invalid_choice": _("Choose one of the cohorts below."),
        },
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
