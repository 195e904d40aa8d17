"""The key pages (tools/screenshots/pages.py, the pages `make screenshots` photographs) and the
newest demo mail, in Chromium at 360 px wide, each as its user sees it on the demo data:

- nothing scrolls sideways: `document.documentElement.scrollWidth <= window.innerWidth`;
- axe-core finds no serious or critical accessibility violation;
- danger and secondary buttons do not look like primary ones (their computed background differs).

Each page is loaded once; the three checks read what that visit measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.conftest import AXE, PHONE
from tests.keypages import NAMES
from tools.screenshots.pages import EMAIL, PAGES

# django_db: pytest-django creates the test database only for modules that ask for it. The data
# is the module's (tests/browser/conftest.py); each test runs in a transaction rolled back after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The outermost elements that stick out on the right, unless a scrolling box holds them. A box
# holds only what it contains: an absolutely positioned element escapes every box between itself
# and its containing block (a visually hidden label in a scrolling table widens the page).
TOO_WIDE_JS = """() => {
  const width = window.innerWidth + 0.5, out = new Set();
  const top = el => !el || el === document.body || el === document.documentElement;
  const scrolls = el => getComputedStyle(el).overflowX !== 'visible';
  const held = el => {
    const pos = getComputedStyle(el).position;
    if (pos === 'fixed') return false;
    for (let a = pos === 'absolute' ? el.offsetParent : el.parentElement; !top(a); a = a.parentElement)
      if (scrolls(a)) return true;
    return false;
  };
  for (const el of document.body.querySelectorAll('*'))
    if (el.getBoundingClientRect().right > width && !held(el)) out.add(el);
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
  const outermost = [...out].filter(el => { for (let a = el.parentElement; !top(a); a = a.parentElement)
    if (out.has(a)) return false; return true; });
  return outermost.slice(0, 10).map(el => `${name(el)} in ${name(el.parentElement)} ends at `
    + `${Math.round(el.getBoundingClientRect().right)} px`);
}"""
# Computed backgrounds of the button kinds (site.css: primary is .button or a bare <button> in <main>).
BUTTONS_JS = """() => {
  const bg = sel => [...document.querySelectorAll(sel)].map(el => getComputedStyle(el).backgroundColor);
  return {
    primary: bg('.button:not(.button-secondary, .button-danger, .button-link), main button:not([class])'),
    'button-danger': bg('.button-danger'),
    'button-secondary': bg('.button-secondary'),
  };
}"""
AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')), count: v.nodes.length}));
}"""
SERIOUS = {"serious", "critical"}


@dataclass
class Visit:
    url: str
    status: int
    inner_width: int
    scroll_width: int
    too_wide: list[str]
    buttons: dict[str, list[str]]
    axe: list[dict] | None  # None: axe-core is not installed


def _visit(site, name: str) -> Visit:
    pages = site.key_pages
    page = site.pages[pages.role(name)]
    if name == EMAIL:
        url, status = "(the newest demo mail)", 200
        page.set_content(pages.mail_html)
    else:
        url = pages.paths[name]
        response = page.goto(url, wait_until="load")
        status = response.status if response else 0
    page.evaluate("document.fonts.ready")
    inner, scroll = page.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")
    axe = None
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        axe = page.evaluate(AXE_JS)
    return Visit(url, status, inner, scroll, page.evaluate(TOO_WIDE_JS), page.evaluate(BUTTONS_JS), axe)


@pytest.fixture(scope="module")
def visits(layout_browser):
    """Each page visited once, on first use."""
    cache: dict[str, Visit] = {}

    def get(name: str) -> Visit:
        if name not in cache:
            cache[name] = _visit(layout_browser, name)
            assert cache[name].status == 200, f"{name}: {cache[name].url} answered {cache[name].status}"
        return cache[name]

    return get


@pytest.mark.parametrize("name", NAMES)
def test_layout_no_sideways_scroll_at_360(visits, name):
    visit = visits(name)
    # The window is the 360 px asked for: a browser that widened it to fit the page would hide overflow.
    assert visit.inner_width == PHONE["width"]
    assert visit.scroll_width <= visit.inner_width, (
        f"{name} ({visit.url}) is {visit.scroll_width} px wide at {visit.inner_width} px; sticking out: "
        + "; ".join(visit.too_wide)
    )


@pytest.mark.parametrize("name", NAMES)
def test_layout_no_serious_axe_violations(axe_script, visits, name):
    visit = visits(name)
    assert visit.axe is not None
    serious = [v for v in visit.axe if v["impact"] in SERIOUS]
    assert serious == [], f"{name} ({visit.url}):\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} ({v['count']}x, e.g. {', '.join(v['targets'])})" for v in serious
    )


@pytest.mark.parametrize("variant", ["button-danger", "button-secondary"])
def test_layout_buttons_differ_from_primary(visits, variant):
    """On every key page that shows both, a danger (secondary) button's background is not a primary
    button's; if no page shows both, the colours are compared across pages. A key page must show
    the variant at all, or the check could not fail."""
    seen = {page.name: visits(page.name).buttons for page in PAGES}
    both = {name: b for name, b in seen.items() if b[variant] and b["primary"]}
    assert any(b[variant] for b in seen.values()), f"no key page shows a .{variant} button"
    if both:
        same = {name: sorted(set(b[variant]) & set(b["primary"])) for name, b in both.items()}
    else:
        primary = {c for b in seen.values() for c in b["primary"]}
        same = {"(across pages)": sorted({c for b in seen.values() for c in b[variant]} & primary)}
    same = {name: colours for name, colours in same.items() if colours}
    assert same == {}, f".{variant} buttons have a primary button's background on: {same}"
