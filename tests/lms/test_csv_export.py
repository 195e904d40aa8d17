"""The one CSV writer: OWASP's rule for formula cells, values kept as values."""

import csv
import io

import pytest

from lms.csv_export import BOM, csv_lines, csv_safe, csv_text


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"])
def test_csv_safe_prefixes_every_formula_start(cell):
    assert csv_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ann", "", "a=b", " =x", "x\t", "1-2"])
def test_csv_safe_leaves_ordinary_text(cell):
    assert csv_safe(cell) == cell


def test_csv_safe_keeps_numbers_as_numbers_and_none_empty():
    assert csv_safe(-5) == -5
    assert csv_safe(2.5) == 2.5
    assert csv_safe(None) == ""


def test_csv_text_neutralises_cells_but_not_numbers():
    text = csv_text(["name", "score"], [["=HYPERLINK(1)", -3], ["\tTab", 4]], bom=False)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "score"], ["'=HYPERLINK(1)", "-3"], ["'\tTab", "4"]]


def test_csv_lines_starts_with_a_bom_and_batches_rows():
    chunks = list(csv_lines(["h"], [[f"r{i}"] for i in range(5)], batch=2))
    assert chunks[0].startswith(BOM)
    assert len(chunks) == 1 + 3  # header, then 2 + 2 + 1 rows
    rows = list(csv.reader(io.StringIO("".join(chunks).removeprefix(BOM))))
    assert rows == [["h"]] + [[f"r{i}"] for i in range(5)]


def test_csv_text_starts_with_a_bom_so_excel_reads_utf8():
    """Without the BOM Excel shows "–" and "é" as mojibake; the old csv_text() wrote none."""
    text = csv_text(["Lesson – title"], [["Café"]])
    assert text.startswith(BOM)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
