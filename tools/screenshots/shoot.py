"""Full-page PNGs of the key pages and of the newest mail, at a phone's and a laptop's size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.screenshots.browser import launch, log_in
from tools.screenshots.mail import mail_as_html, newest_mail
from tools.screenshots.pages import EMAIL, LOGINS, PASSWORD

# width -> (viewport, emulate a phone). The phone size is shown as a phone shows it (touch,
# the page's meta viewport honoured).
SIZES = {
    390: ({"width": 390, "height": 844}, True),
    1280: ({"width": 1280, "height": 800}, False),
}
DEV_MAIL = "/dev/mail/"


@dataclass(frozen=True)
class Shot:
    name: str
    role: str | None
    path: str  # a path on the site, or a file:// URL


def _context(browser, base_url: str, width: int, state: dict | None, language: str):
    viewport, phone = SIZES[width]
    return browser.new_context(
        base_url=base_url,
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
        storage_state=state,
        locale=language,  # the browser's Accept-Language, what a visitor's language follows
    )


def _capture(page, url: str, target: Path) -> None:
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    if response is not None and response.status >= 400:
        print(f"  warning: {url} answered {response.status}")
    page.screenshot(path=str(target), full_page=True, animations="disabled")


def _dev_mail_shots(browser, base_url: str) -> list[Shot]:
    """With /dev/mail/ (DEBUG only): the newest mail's page there (`dev-mail`), and its HTML part
    alone as a mail client shows it (`email`: the page's frame). The first mail listed is the newest."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        response = page.goto(DEV_MAIL)
        if response is None or not response.ok:
            return []
        hrefs = page.eval_on_selector_all(f'a[href^="{DEV_MAIL}"]', "els => els.map(a => a.getAttribute('href'))")
        details = [h for h in hrefs if h.split("?")[0].rstrip("/") != DEV_MAIL.rstrip("/")]
        if not details:
            return []
        page.goto(details[0])
        frame = page.get_attribute("iframe[src]", "src") if page.locator("iframe[src]").count() else None
        return [Shot(EMAIL, None, frame or details[0]), Shot("dev-mail", None, details[0])]
    finally:
        context.close()


def mail_shots(browser, base_url: str, mail_dir: Path, out: Path) -> list[Shot]:
    """The newest mail: through /dev/mail/ when the site has it, else its HTML part written to a
    file and opened from there."""
    shots = _dev_mail_shots(browser, base_url)
    if shots:
        return shots
    message = newest_mail(mail_dir)
    if message is None:
        print("  warning: the demo sent no mail; no email screenshot")
        return []
    html_file = out / "email.html"
    html_file.write_text(mail_as_html(message), encoding="utf-8")
    return [Shot(EMAIL, None, html_file.as_uri())]


def shoot(base_url: str, shots: list[Shot], mail_dir: Path, out: Path, language: str = "en") -> list[Path]:
    """Every shot at every size, each role logged in once through the login form, in `language`
    (the demo users' saved language is set by the caller)."""
    written: list[Path] = []
    roles = {shot.role for shot in shots}
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            states = {role: log_in(browser, base_url, LOGINS[role], PASSWORD) for role in roles - {None}}
            everything = shots + mail_shots(browser, base_url, mail_dir, out)
            for width in SIZES:
                for role in roles | {None}:
                    context = _context(browser, base_url, width, states.get(role), language)
                    page = context.new_page()
                    for shot in (s for s in everything if s.role == role):
                        target = out / f"{shot.name}-{width}.png"
                        _capture(page, shot.path, target)
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    order = [shot.name for shot in everything]
    return sorted(written, key=lambda p: (order.index(p.stem.rsplit("-", 1)[0]), int(p.stem.rsplit("-", 1)[1])))
