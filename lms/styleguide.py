"""/styleguide/: every component of the design system, live, with the markup to copy (staff only).

Each example is a small template: the page renders it and shows its source next to it, so the
sample can never drift from what the site really draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

TOKENS = "ink muted paper wash line brand brand-dark brand-soft accent ok warn danger".split()


@dataclass(frozen=True)
class Example:
    title: str
    source: str


class SampleForm(forms.Form):
    """A form showing each kind of field the one field template draws."""

    name = forms.CharField(label="Your name", help_text="As it should appear on your certificate.")
    email = forms.EmailField(label="Work email")
    team_size = forms.IntegerField(label="Managers in your team", required=False, min_value=1)
    format = forms.ChoiceField(
        label="Preferred format",
        choices=[("self", "Self-paced"), ("cohort", "Cohort"), ("both", "Both")],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agree = forms.BooleanField(label="I agree to the terms")


SECTIONS: list[tuple[str, list[Example]]] = [
    (
        "Buttons",
        [
            Example(
                "Primary, secondary, danger, link",
                '<div class="button-row">\n  <button type="button" class="button">Save</button>\n'
                '  <a class="button button-secondary" href="#">Preview</a>\n'
                '  <button type="button" class="button button-danger">Revoke</button>\n'
                '  <button type="button" class="button-link">Cancel</button>\n</div>',
            ),
            Example(
                "Small, disabled, loading",
                '<div class="button-row">\n  <button type="button" class="button button-small">Small</button>\n'
                '  <button type="button" class="button" disabled>Disabled</button>\n'
                '  <button type="button" class="button" aria-busy="true">Saving…</button>\n</div>',
            ),
            Example(
                "Danger action with confirmation: site.js asks before submitting "
                "(real forms use method=post and {% csrf_token %})",
                '<form method="get" action="" class="inline-form">\n'
                '  <button type="submit" class="button button-danger"\n'
                '          data-confirm="Revoke this invitation? The link stops working.">Revoke</button>\n</form>',
            ),
        ],
    ),
    (
        "Alerts, badges, cards",
        [
            Example(
                "Messages (django.contrib.messages tags)",
                '<p class="message">Saved as a draft.</p>\n<p class="message message-success">Invitation sent.</p>\n'
                '<p class="message message-warning">Two seats left.</p>\n'
                '<p class="message message-error">The file could not be read.</p>',
            ),
            Example(
                "Badges",
                '<span class="badge">Draft</span> <span class="badge badge-ok">Completed</span>\n'
                '<span class="badge badge-warn">Due</span> <span class="badge badge-bad">Missed</span>',
            ),
            Example(
                "Cards in a grid, panel, meta text",
                '<ul class="card-grid">\n  <li class="card"><h2>Coaching conversations</h2>\n'
                '    <p class="meta">6 modules · self-paced</p><p>Lead better one-to-ones.</p></li>\n'
                '  <li class="card"><h2>Pipeline reviews</h2>\n'
                '    <p class="meta">4 modules · cohort</p><p>Ask questions that move deals.</p></li>\n</ul>\n'
                '<section class="panel"><h2>Panel</h2><p>A panel groups one section of a page.</p></section>',
            ),
            Example(
                "Empty state",
                '<div class="empty-state">\n  <p>No invitations yet.</p>\n'
                '  <p><a class="button" href="#">Invite people</a></p>\n</div>',
            ),
        ],
    ),
    (
        "Navigation",
        [
            Example(
                "Tabs (section navigation; the current tab has aria-current)",
                '<nav class="tabs" aria-label="Sample sections">\n  <ul>\n'
                '    <li><a href="#" aria-current="page">Seats and invitations</a></li>\n'
                '    <li><a href="#">Team progress</a></li>\n    <li><a href="#">Follow-up</a></li>\n  </ul>\n</nav>',
            ),
            Example(
                "Breadcrumbs",
                '<nav class="breadcrumbs" aria-label="Sample breadcrumbs">\n  <ol>\n'
                '    <li><a href="#">Studio</a></li>\n    <li aria-current="page">Analytics</li>\n  </ol>\n</nav>',
            ),
            Example(
                "Pagination (templates/includes/pagination.html)",
                '{% include "includes/pagination.html" with page=page label="Sample pages" %}',
            ),
        ],
    ),
    (
        "Progress, tables, dates",
        [
            Example(
                "Progress (templates/includes/progress.html)",
                '{% include "includes/progress.html" with progress=progress label_id="sg-progress" %}',
            ),
            Example(
                "A table that scrolls inside its own box on a phone",
                '<div class="table-wrap" tabindex="0" role="region" aria-label="Sample table">\n<table>\n'
                '  <thead><tr><th scope="col">Participant</th><th scope="col">Course</th>'
                '<th scope="col">Progress</th><th scope="col">Last active</th></tr></thead>\n'
                "  <tbody><tr><td>Jamie de Vries</td><td>Coaching conversations</td><td>64%</td>"
                "<td>{{ earlier|as_relative }}</td></tr>\n"
                "  <tr><td>Sam Peters</td><td>Pipeline reviews</td><td>12%</td><td>{{ long_ago|as_relative }}</td></tr>"
                "</tbody>\n</table>\n</div>",
            ),
            Example(
                "Dates: a day, a moment, relative ({% load dates %})",
                "<p>Starts {{ now|as_date }}</p>\n<p>Session {{ now|as_datetime }}</p>\n"
                "<p>Last active {{ earlier|as_relative }}</p>",
            ),
        ],
    ),
    (
        "Forms",
        [
            Example(
                "{{ form }}: one field template, no colons, required mark, help and errors",
                '<form method="get" action="" class="stacked-form" novalidate>\n  {{ form }}\n'
                '  <div class="form-actions">\n    <button type="submit" class="button">Send</button>\n'
                '    <a class="button button-secondary" href="#">Cancel</a>\n  </div>\n</form>',
            ),
        ],
    ),
]


@dataclass(frozen=True)
class SampleProgress:
    percent: int = 64
    done: int = 7
    total: int = 11


def _render_examples(request: HttpRequest, context: dict) -> list[tuple[str, list[tuple[Example, SafeString]]]]:
    engine = engines["django"]
    return [
        (
            heading,
            [(ex, engine.from_string("{% load dates %}" + ex.source).render(context, request)) for ex in examples],
        )
        for heading, examples in SECTIONS
    ]


@require_GET
@login_required
def styleguide(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    now = timezone.now()
    context = {
        "form": SampleForm(data={"name": "", "email": "not-an-email", "format": "cohort"}),
        "page": Paginator(range(50), 10).get_page(2),
        "progress": SampleProgress(),
        "now": now,
        "earlier": now - timedelta(days=2),
        "long_ago": now - timedelta(days=40),
    }
    return render(
        request,
        "lms/styleguide.html",
        {"sections": _render_examples(request, context), "tokens": TOKENS},
    )
