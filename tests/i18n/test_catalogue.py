"""The Dutch catalogue is complete: no untranslated, fuzzy or obsolete entry in django.po or
djangojs.po, and `makemessages` (run into a scratch copy of the project by tools/messages_check.py,
with the options `make messages-update` uses) finds no msgid the catalogue lacks, and none it holds
in vain. The failure lists the msgids (the first 20 of each kind)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import polib
import pytest

from tools import messages_check
from tools.messages_check import Report, catalogue_entries, check

LANGUAGES = ["nl"]
pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="needs GNU gettext (xgettext, msgmerge) for makemessages; .ci/run installs it",
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    problems = check(language).problems()
    assert not problems, f"The {language} catalogue is incomplete (make messages-update, translate):\n" + "\n".join(
        problems
    )


def test_catalogue_check_finds_untranslated_fuzzy_and_obsolete(tmp_path: Path):
    """The check can fail: each kind of incomplete entry is reported by its msgid."""
    po = tmp_path / "django.po"
    po.write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"

            msgid "Done"
            msgstr "Klaar"

            msgid "Untranslated"
            msgstr ""

            #, fuzzy
            msgid "Fuzzy"
            msgstr "Vaag"

            #~ msgid "Gone"
            #~ msgstr "Weg"
            """
        )
    )
    report = Report()
    known = catalogue_entries(po, report)
    assert known == {"Done", "Untranslated", "Fuzzy"}
    assert (report.untranslated, report.fuzzy, report.obsolete) == (["Untranslated"], ["Fuzzy"], ["Gone"])
    assert len(report.problems()) == 3


def test_catalogue_check_finds_a_string_makemessages_would_add(tmp_path: Path):
    """A new string marked in the code (in the scratch copy) is reported as missing."""
    shutil.copytree(messages_check.ROOT, tmp_path / "project", ignore=messages_check.COPY_IGNORE)
    marked = tmp_path / "project" / "lms" / "new_strings.py"
    marked.write_text(
        'from django.utils.translation import gettext as _\n\nNEW = _("A string nobody translated yet")\n'
    )
    found = messages_check.extracted_msgids("nl", "django", tmp_path)
    assert "A string nobody translated yet" in found
    known = {e.msgid for e in polib.pofile(str(messages_check.po_path(messages_check.ROOT, "nl", "django")))}
    assert "A string nobody translated yet" not in known
