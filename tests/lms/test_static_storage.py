"""Production's static storage keeps each URL once worked out (lms/static_storage.py); building
the manifest starts and ends with an empty memo."""

from __future__ import annotations

from lms.static_storage import StaticStorage


def _storage(tmp_path, settings) -> StaticStorage:
    settings.DEBUG = False
    storage = StaticStorage(location=str(tmp_path), base_url="/static/")
    storage.hashed_files = {"css/site.css": "css/site.abc123.css"}
    return storage


def test_url_is_the_hashed_name_and_is_kept(tmp_path, settings):
    storage = _storage(tmp_path, settings)
    assert storage.url("css/site.css") == "/static/css/site.abc123.css"
    storage.hashed_files = {"css/site.css": "css/site.def456.css"}  # the manifest does not change under a process
    assert storage.url("css/site.css") == "/static/css/site.abc123.css"
    assert storage.url("css/site.css", force=True) == "/static/css/site.def456.css"  # force: never from the memo


def test_building_the_manifest_forgets_the_urls(tmp_path, settings):
    storage = _storage(tmp_path, settings)
    storage.url("css/site.css")
    list(storage.post_process({}, dry_run=True))  # collectstatic: a new manifest is built
    storage.hashed_files = {"css/site.css": "css/site.def456.css"}
    assert storage.url("css/site.css") == "/static/css/site.def456.css"
