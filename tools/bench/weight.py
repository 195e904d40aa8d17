"""Page weight: bytes a browser downloads per key page, on a first and on a repeat visit.

Chromium (Debian's, through Playwright) loads each page from the gunicorn `make bench` starts, in
production mode (whitenoise serving hashed, compressed static files). Bytes are Chrome's own count
of what came over the wire (CDP Network.loadingFinished encodedDataLength: compressed body plus
response headers), per resource type; a resource served from the browser cache counts 0. The repeat
visit opens the same URL again in the same browser profile, as a returning participant would.
"""

from __future__ import annotations

from collections import defaultdict

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARGS += ["--disable-sync", "--no-first-run"]
KINDS = {"Document": "html", "Stylesheet": "css", "Script": "js", "Font": "font", "Image": "image"}
BUDGET_KB = 150  # first load, excluding images
# <script> elements in <head> that hold up the first paint: an external script with neither defer,
# async nor type=module (inline scripts count too: the parser stops for them).
BLOCKING_JS = """() => [...document.head.querySelectorAll('script')]
  .filter(s => !(s.defer || s.async || s.type === 'module' || (s.type && !/javascript/.test(s.type))))
  .map(s => s.src || 'inline script')"""


def _load(page, cdp, url: str) -> tuple[dict[str, int], dict[str, str]]:
    """Open `url` and return bytes per kind, and the Cache-Control of every static file."""
    kinds: dict[str, str] = {}
    cache: dict[str, str] = {}
    sizes: dict[str, int] = defaultdict(int)

    def on_response(event) -> None:
        response = event["response"]
        kinds[event["requestId"]] = KINDS.get(event.get("type", ""), "other")
        if "/static/" in response["url"]:
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            cache[response["url"]] = headers.get("cache-control", "")

    def on_finished(event) -> None:
        sizes[kinds.get(event["requestId"], "other")] += int(event.get("encodedDataLength", 0))

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    cdp.remove_listener("Network.responseReceived", on_response)
    cdp.remove_listener("Network.loadingFinished", on_finished)
    return {k: sizes.get(k, 0) for k in ("html", "css", "js", "font", "image", "other")}, cache


def _row(first: dict[str, int], repeat: dict[str, int], cache: dict[str, str], blocking: list[str]) -> dict:
    first_kb = round(sum(v for k, v in first.items() if k != "image") / 1024, 1)
    forever = [u for u, cc in cache.items() if "immutable" in cc or "max-age=315360000" in cc]
    return {
        "first_bytes": first,
        "repeat_bytes": repeat,
        "first_kb_without_images": first_kb,
        "repeat_kb_without_images": round(sum(v for k, v in repeat.items() if k != "image") / 1024, 1),
        "repeat_fetches_only_html": all(v == 0 for k, v in repeat.items() if k != "html"),
        "static_files": len(cache),
        "static_cached_forever": len(forever),
        "render_blocking_scripts": blocking,
        "within_budget": first_kb <= BUDGET_KB and not blocking,
    }


def measure(base_url: str, pages: list[tuple[str, str, str | None]]) -> dict[str, dict]:
    """`pages`: (name, path, "name=value" session cookie or None). Each page in a fresh browser profile."""
    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, path, session in pages:
                context = browser.new_context()
                if session:
                    cookie_name, _, value = session.partition("=")
                    context.add_cookies([{"name": cookie_name, "value": value, "url": base_url}])
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                first, cache = _load(page, cdp, base_url + path)
                blocking = page.evaluate(BLOCKING_JS)
                repeat, _cache = _load(page, cdp, base_url + path)
                results[name] = {"path": path, **_row(first, repeat, cache, blocking)}
                context.close()
        finally:
            browser.close()
    return results
