"""The design system's server side: the staff style guide, the one field template, the date
filters, the icons, and the buttons' specificity rule in site.css."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django import forms
from django.contrib.humanize.templatetags import humanize
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html

from lms.templatetags.dates import _format as date_format_once
from lms.templatetags.dates import naturaltime as relative_text
from tests.factories import StaffFactory, TrainerFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
SITE_CSS = (ROOT / "lms" / "static" / "css" / "site.css").read_text()


# --- Style guide --------------------------------------------------------------------------


@pytest.mark.django_db
def test_styleguide_is_for_staff_only(client):
    """Anonymous visitors go to login; participants and trainers are refused; staff see it."""
    url = reverse("styleguide")
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for user in (UserFactory(), TrainerFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(StaffFactory())
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # Each component is shown live and as escaped markup to copy.
    for component in ("button-danger", "nav class=&quot;tabs&quot;", "table-wrap", "empty-state", "badge-ok"):
        assert component in html, component
    assert '<button type="button" class="button button-danger">Revoke</button>' in html  # live
    assert "&lt;button type=&quot;button&quot; class=&quot;button button-danger&quot;&gt;" in html  # sample


# --- Forms ----------------------------------------------------------------------------------


class _SampleForm(forms.Form):
    name = forms.CharField(help_text="As on your certificate.")
    nickname = forms.CharField(required=False)
    agree = forms.BooleanField()
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)


def test_fields_have_no_colon_and_mark_required():
    """Old behaviour: Django's default renderer wrote "Name:" and no required mark."""
    html = str(_SampleForm())
    assert ":</label>" not in html and ":</legend>" not in html
    assert re.search(r'<label class="field-label" for="id_name">Name<span class="required-mark"', html)
    assert re.search(r'for="id_nickname">Nickname</label>', html)  # optional: no mark
    assert 'id="id_name_helptext">As on your certificate.' in html
    # A checkbox sits inside its label, before the text; radios are a fieldset with a legend.
    assert re.search(r'<label for="id_agree"><input type="checkbox"[^>]*><span>Agree', html)
    assert re.search(r'<fieldset class="field-group"[^>]*>\s*<legend class="field-label">Colour', html)


def test_as_p_renders_like_the_form():
    """allauth's pages call form.as_p: it goes through the same field template."""
    form = _SampleForm(data={})
    html = form.as_p()
    assert "<p" not in html
    assert 'class="required-mark"' in html
    assert 'class="errorlist"' in html


# --- Dates ----------------------------------------------------------------------------------

ISO_DATE = r"\d{4}-\d{2}-\d{2}"
ISO_DATETIME = ISO_DATE + r"T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}"


def _render(source: str, **context) -> str:
    return Template("{% load dates %}" + source).render(Context(context))


def test_date_filters_write_time_elements_with_valid_datetime():
    moment = timezone.make_aware(datetime(2026, 3, 4, 14, 5, 9, 123456))
    html = _render("{{ m|as_date }}|{{ m|as_datetime }}|{{ d|as_date }}", m=moment, d=date(2026, 3, 4))
    first, second, third = html.split("|")
    assert first == '<time datetime="2026-03-04">4 March 2026</time>'
    assert re.fullmatch(rf'<time datetime="{ISO_DATETIME}">4 March 2026, 14:05</time>', second)
    assert third == '<time datetime="2026-03-04">4 March 2026</time>'


def test_relative_dates_carry_the_exact_date_as_title():
    two_days_ago = timezone.now() - timedelta(days=2)
    html = _render("{{ m|as_relative }}", m=two_days_ago)
    assert re.fullmatch(rf'<time datetime="{ISO_DATETIME}" title="[^"]+">2\xa0days ago</time>', html)
    day = timezone.localdate() - timedelta(days=10)
    html = _render("{{ d|as_relative }}", d=day)
    assert re.fullmatch(rf'<time datetime="{ISO_DATE}" title="[^"]+">1\xa0week ago</time>', html)


def test_dates_follow_the_language():
    with translation.override("nl"):
        html = _render("{{ d|as_date }}", d=date(2026, 3, 4))
    assert html == '<time datetime="2026-03-04">4 maart 2026</time>'


def _outcome(function, *args) -> str:
    try:
        return function(*args)
    except TypeError as exc:
        return f"TypeError: {exc}"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_date_filters_format_as_django_does(language):
    """The filters parse a format string once per process (issue 18: half the time of a date on a
    long list); the text is still Django's own `date_format`, escapes and all, for dates and times."""
    moments = [timezone.now() - timedelta(days=d, hours=d, minutes=7 * d) for d in (0, 1, 3, 40, 400)]
    values = moments + [timezone.localtime(m) for m in moments] + [m.date() for m in moments]
    patterns = [
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "SHORT_DATETIME_FORMAT",
        r"\d\a\y j \o\f F, D N E b c r",
        "l jS A O T",
    ]
    with translation.override(language):
        for value in values:
            for pattern in patterns:
                assert _outcome(date_format_once, value, pattern) == _outcome(formats.date_format, value, pattern)
        moment = timezone.localtime(moments[3])
        expected = format_html(
            '<time datetime="{}" title="{}">{}</time>',
            moment.replace(microsecond=0).isoformat(),
            formats.date_format(moment, "DATETIME_FORMAT"),
            naturaltime(moments[3]),
        )
        assert _render("{{ m|as_relative }}", m=moments[3]) == expected


@pytest.mark.parametrize("language", ["en", "nl", "pl"])
def test_relative_dates_say_what_naturaltime_says(language, monkeypatch):
    """as_relative keeps naturaltime's translated phrases per language and number (issue 18); the text
    is still Django's own, past and future, from seconds to years, with Polish's plural forms."""
    fixed = datetime(2026, 3, 29, 1, 30, 15, 500000, tzinfo=UTC)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return fixed if tz else fixed.replace(tzinfo=None)

    monkeypatch.setattr(humanize, "datetime", Frozen)
    seconds = [0, 1, 59, 61, 3599, 3601, 7300, 86399, 86401, 5 * 86400 + 7000, 40 * 86400, 400 * 86400, 800 * 86400]
    with translation.override(language):
        for second in seconds:
            for sign in (1, -1):
                moment = fixed - sign * timedelta(seconds=second, microseconds=300000)
                for value in (moment, timezone.localtime(moment), moment.replace(tzinfo=None)):
                    assert str(relative_text(value)) == str(humanize.naturaltime(value)), (second, sign, value)


def test_empty_dates_render_nothing():
    assert _render("{{ n|as_date }}{{ n|as_datetime }}{{ n|as_relative }}", n=None) == ""


# --- Icons ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_favicon_ico_redirects_to_a_static_icon(client):
    """Old behaviour: /favicon.ico answered 404 (a log line on every first visit)."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("icons/favicon.ico")
    assert (ROOT / "lms" / "static" / "icons" / "favicon.ico").is_file()


@pytest.mark.django_db
def test_pages_link_icons_and_manifest_that_exist(client):
    html = client.get(reverse("courses:catalog")).content.decode()
    for rel in ('rel="icon"', 'rel="apple-touch-icon"', 'rel="manifest"', 'rel="preload"'):
        assert rel in html, rel
    manifest = client.get(reverse("webmanifest")).json()
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert (ROOT / "lms" / "static" / icon["src"].removeprefix("/static/")).is_file()


def test_font_ships_with_its_licence():
    fonts = ROOT / "lms" / "static" / "fonts"
    assert (fonts / "Inter-OFL.txt").is_file()
    for url in re.findall(r'url\("\.\./fonts/([^"]+)"\)', SITE_CSS):
        assert (fonts / url).is_file(), url
    assert "font-display: swap" in SITE_CSS


# --- Buttons --------------------------------------------------------------------------------


def test_button_variants_are_not_outranked_by_the_base_rule():
    """The bug: `button.button` (more specific than `.button-danger`) made danger buttons primary.
    No rule may name the element together with .button."""
    rules = re.sub(r"/\*.*?\*/", "", SITE_CSS, flags=re.S)
    assert not re.search(r"\b(button|a|input)\.button\b", rules)
    base = rules.index(".button, :where(")
    for variant in (".button-secondary", ".button-danger", ".button-link"):
        first_rule = re.search(rf"^{re.escape(variant)}[ ,]", rules, re.M)
        assert first_rule and first_rule.start() > base, variant


def test_design_tokens_are_defined():
    names = (
        "color-ink color-muted color-paper color-wash color-line color-brand color-brand-dark color-brand-soft "
        "color-accent color-ok color-warn color-danger font-sans text-sm text-base text-lg text-xl text-2xl "
        "text-3xl radius-sm radius-md radius-lg shadow-sm shadow-md"
    ).split() + [f"space-{i}" for i in range(1, 9)]
    for name in names:
        assert re.search(rf"--{name}:", SITE_CSS), name


# --- Danger actions -------------------------------------------------------------------------

# Pages that are themselves the confirmation step: their danger button needs no second question.
CONFIRMATION_PAGES = {
    "courses/cohorts/session_cancel.html",
    "courses/followup/practice_log_delete.html",
    "courses/studio/studio_confirm_delete.html",
}


def test_danger_buttons_ask_for_confirmation():
    """Old behaviour: "Revoke", "Replace link" and "Archive" submitted at once, without a question."""
    templates = ROOT / "templates"
    missing = []
    for path in templates.rglob("*.html"):
        name = str(path.relative_to(templates))
        if name in CONFIRMATION_PAGES or name.startswith(("email/", "lms/styleguide")):
            continue
        for button in re.findall(r"<button\b[^>]*\bbutton-danger\b[^>]*>", path.read_text()):
            if "data-confirm=" not in button:
                missing.append(f"{name}: {button[:80]}")
    assert missing == []
    site_js = (ROOT / "lms" / "static" / "js" / "site.js").read_text()
    assert "window.confirm" in site_js and "dataset.confirm" in site_js


def test_hand_written_checkboxes_and_radios_sit_inside_their_label():
    """Old behaviour: the review decision, email preferences and cohort choice put the input on
    its own line above a separate <label>, so the box floated above its text. Every hand-written
    checkbox or radio is now wrapped by its label (the field template does the same for forms)."""
    templates = ROOT / "templates"
    loose = []
    for path in templates.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r'<input\b[^>]*type="(?:checkbox|radio)"', text):
            before = text[: match.start()]
            if before.rfind("<label") <= before.rfind("</label>"):
                loose.append(f"{path.relative_to(templates)}: {match.group(0)[:60]}")
    assert loose == []
