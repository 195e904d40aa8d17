"""Finds English interface words in what a Dutch reader sees: on a page, in an email, an .ics or a PDF.

What counts as seen: text nodes and the title, aria-label, placeholder and alt attributes (and the
value of input buttons), outside <script>, <style> and <template>. Course content written in
English is not interface text, so two things are left out:
- any element with a `lang` attribute other than Dutch (templates mark course-authored content
  with `lang="{{ course.language }}"`), and
- any element whose whole text is authored content of the site's database (course texts, names
  of people, organizations and cohorts): `content_corpus()` collects it, so a template that does
  not (yet) mark its content still gets a fair test. Short interface strings are never excused this
  way unless they equal a stored value exactly.

Words are matched whole and case-sensitively. Every word is English and not Dutch: "Module",
"Dashboard", "Quiz", "Check-in", "Feedback", "Download", "Status", "Menu", "Start" and "Account"
are Dutch as well and are not on the list; neither is "of" ("or" in Dutch). "Log in" is English
only as a whole label ("Log in om je in te schrijven" is good Dutch; the button says "Inloggen").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import html5lib
from django.apps import apps
from django.db import models

ENGLISH_WORDS = [
    "Log out", "Sign up", "Sign in", "Enroll", "Enrolled", "Continue", "Progress", "Submit",
    "Submitted", "Course", "Courses", "My learning", "My follow-up", "Save", "Cancel", "Delete", "Edit",
    "Lesson", "Lessons", "Settings", "Password", "Email address", "Review", "Reviews", "Next", "Previous",
    "Back", "Search", "Welcome", "Profile", "Language", "Change", "Completed", "Schedule", "Sessions",
    "Members", "Invite", "Certificate", "Skip to main content", "Name", "Today", "the", "The", "your", "Your",
    "you", "You", "and", "with", "Hi", "there",
]  # fmt: skip
# Dutch has the imperative "Log in om je in te schrijven"; as a whole label it must be "Inloggen".
WHOLE_LABELS = {"Log in", "Sign in", "Continue", "Submit", "Save", "Cancel", "Next", "Back"}
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")(?![\w-])")
HIDDEN = {"script", "style", "template", "noscript"}
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
MARKUP = re.compile(r"[*_#>`\[\]()|\\~„”“\"]+|https?://\S+|^\s*(?:[-+]|\d+\.)\s", re.MULTILINE)
WINDOW = 20  # characters around a word that, found in authored text, make it content
LONG = 12  # text this long that appears in authored content is content (shorter: only if equal)


def normalise(text: str) -> str:
    return " ".join(MARKUP.sub(" ", text).split())


class Content:
    """Authored text of the database: exact values, and one long corpus to find longer text in."""

    def __init__(self, values: Iterable[str]) -> None:
        values = [v for v in values if v and v.strip()]
        lines = [line for v in values if "\n" in v for line in v.splitlines()]  # headings, list items
        normalised = [normalise(v) for v in values + lines]
        self.exact = {v for v in normalised if v}
        self.corpus = "\n".join(sorted(self.exact, key=len, reverse=True))
        # Authored text inside an interface sentence ("Next: <lesson title>", "Move “<title>” up").
        quoted = sorted((v for v in self.exact if LONG <= len(v) <= 300), key=len, reverse=True)
        self.inside = re.compile("|".join(re.escape(v) for v in quoted)) if quoted else None

    def holds(self, text: str) -> bool:
        text = normalise(text)
        return bool(text) and (text in self.exact or (len(text) >= LONG and text in self.corpus))

    def around(self, text: str, start: int, end: int) -> bool:
        """Is the word at text[start:end] part of authored text quoted in part ("Als <situation>,
        dan <behaviour>" quotes a plan without its own "When" and "I will")? It is when the word
        with 20 characters on one side appears in the authored text."""
        windows = (text[max(0, start - WINDOW) : end], text[start : end + WINDOW])
        return any(len(w) >= WINDOW and w in self.corpus for w in windows)

    def strip(self, text: str) -> str:
        """`text` without the authored strings inside it."""
        text = normalise(text)
        return self.inside.sub(" ", text) if self.inside else text


NO_CONTENT = Content([])


def content_corpus(app_labels: Iterable[str] = ("courses", "accounts")) -> Content:
    """Every authored string of the apps' models (text and char fields without choices)."""
    values: list[str] = []
    for model in (m for label in app_labels for m in apps.get_app_config(label).get_models()):
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                values += [v for v in row if isinstance(v, str) and len(v.strip()) >= 3]
    return Content(values)


def _element_text(element) -> str:
    # Pieces joined by a space: an SVG label's <tspan> lines are words apart, not glued together.
    return " ".join(" ".join(element.itertext()).split())


def shown_texts(html: str, content: Content = NO_CONTENT) -> list[str]:
    """The pieces of text a reader sees (see the module's docstring for what is left out)."""
    root = html5lib.parse(html, namespaceHTMLElements=False)
    out: list[str] = []

    def walk(element) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            if element.tail:
                out.append(element.tail)
            return
        tag = element.tag
        lang = element.get("lang")
        if tag in HIDDEN or (lang and not lang.lower().startswith("nl")) or content.holds(_element_text(element)):
            if element.tail:
                out.append(element.tail)
            return
        out.extend(element.get(name) for name in SHOWN_ATTRIBUTES if element.get(name))
        if tag == "input" and element.get("type") in {"submit", "button", "reset"} and element.get("value"):
            out.append(element.get("value"))
        if element.text:
            out.append(element.text)
        for child in element:
            walk(child)
        if element.tail:
            out.append(element.tail)

    walk(root)
    return [" ".join(text.split()) for text in out if text and text.strip()]


def english_in_text(texts: Iterable[str], content: Content = NO_CONTENT) -> list[str]:
    """The English words in plain texts (an email's text part, an .ics, a PDF's text): each piece
    that is not authored content, as "word: …context…"."""
    found = []
    for text in texts:
        if content.holds(text):
            continue
        text = content.strip(text)
        if text.strip() in WHOLE_LABELS:
            found.append(f"{text.strip()}: (a whole label)")
            continue
        for match in PATTERN.finditer(text):
            if content.around(text, match.start(), match.end()):
                continue
            start = max(0, match.start() - 30)
            found.append(f"{match.group(1)}: …{text[start : match.end() + 30]}…")
    return found


def english_on_page(html: str, content: Content = NO_CONTENT) -> list[str]:
    return english_in_text(shown_texts(html, content), content)
