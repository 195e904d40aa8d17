"""lms/cache.py and lms/templatetags/fragments.py: what they keep, for how long, and when a
value must be read again (issue 18's lesson-page savings must never serve stale content)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.template import Context, Template

from courses.learning import outline
from courses.learning.outline import outline_invalidate, outline_key
from lms import cache as lms_cache
from lms.cache import (
    RedisCache,
    VersionedFragmentCache,
    request_memo,
    request_memo_end,
    request_memo_start,
    versioned_clear,
    versioned_get,
    versioned_set,
)
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_request():
    request_memo_start()
    yield
    request_memo_end()


def test_no_memo_outside_a_request():
    assert request_memo() is None


def test_the_generation_is_read_once_per_request(in_request):
    course = CourseFactory()
    outline_key(course=course)  # the first read of the request
    with mock.patch.object(outline.cache, "get", wraps=outline.cache.get) as get:
        first, second = outline_key(course=course), outline_key(course=course)
    assert first == second
    assert get.call_count == 0


def test_outside_a_request_every_call_reads_the_shared_cache():
    course = CourseFactory()
    outline_key(course=course)
    with mock.patch.object(outline.cache, "get", wraps=outline.cache.get) as get:
        outline_key(course=course)
        outline_key(course=course)
    assert get.call_count == 2


def test_a_write_in_the_request_shows_in_the_same_request(in_request):
    course = CourseFactory()
    before = outline_key(course=course)
    outline_invalidate(course.pk)
    assert outline_key(course=course) != before


def test_another_processs_write_shows_from_the_next_request():
    """Within a request the generation is a snapshot; the next request reads it afresh."""
    course = CourseFactory()
    request_memo_start()
    before = outline_key(course=course)
    cache.set(f"course-outline-gen:{course.pk}", "written-elsewhere", timeout=None)  # another process's bump
    assert outline_key(course=course) == before
    request_memo_end()
    request_memo_start()
    assert outline_key(course=course).endswith(":written-elsewhere")
    request_memo_end()


def test_versioned_values_are_kept_in_process_and_returned_as_copies():
    versioned_set("k:v1", {"ticks": [1, 2]}, timeout=60)
    cache.clear()  # the shared cache lost it: this process still has its copy
    first = versioned_get("k:v1")
    first["ticks"].append(3)  # a page annotating its copy
    assert versioned_get("k:v1") == {"ticks": [1, 2]}
    versioned_clear()
    assert versioned_get("k:v1") is None


def test_versioned_reads_fill_the_process_copy_from_the_shared_cache():
    cache.set("k:v2", "shared", timeout=60)
    assert versioned_get("k:v2") == "shared"
    cache.delete("k:v2")
    assert versioned_get("k:v2") == "shared"


def test_versioned_copies_are_bounded_in_bytes(monkeypatch):
    monkeypatch.setattr(lms_cache, "_VERSIONED_MAX_BYTES", 2_000)
    for i in range(10):
        versioned_set(f"big:{i}", "x" * 500, timeout=60)
    assert lms_cache._versioned_bytes <= 2_000
    cache.clear()
    assert versioned_get("big:0") is None  # oldest out first
    assert versioned_get("big:9") == "x" * 500


def test_fragment_tag_uses_the_versioned_cache():
    fragments = caches["template_fragments"]
    assert isinstance(fragments, VersionedFragmentCache)
    template = Template("{% load cache %}{% cache 60 frag version %}{{ text }}{% endcache %}")
    assert template.render(Context({"version": "g1", "text": "first"})) == "first"
    assert template.render(Context({"version": "g1", "text": "second"})) == "first"  # same version: kept
    assert template.render(Context({"version": "g2", "text": "second"})) == "second"  # new version: rendered
    with pytest.raises(NotImplementedError):
        fragments.delete("frag")


def test_fragment_timeout_reaches_the_shared_cache_in_seconds():
    """`{% cache 60 … %}` must expire in the shared cache after 60 s (an absolute time there would
    keep every fragment for decades)."""
    with mock.patch.object(lms_cache.cache, "set", wraps=lms_cache.cache.set) as shared_set:
        Template("{% load cache %}{% cache 60 frag 'g3' %}x{% endcache %}").render(Context({}))
    assert shared_set.call_args.kwargs["timeout"] == 60


def test_redis_backend_reuses_one_client_per_pool():
    """Django's backend built a client per call (0.2 ms of CPU each with redis-py 8). Building a
    client connects to nothing, so this needs no server."""
    backend = RedisCache("redis://127.0.0.1:6379/15", {})
    client = backend._cache.get_client()
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool


def _per_process(template: Template, **context) -> str:
    return template.render(Context(context))


def test_cache_per_process_renders_once_per_combination(settings):
    settings.DEBUG = False
    template = Template('{% load fragments %}{% cache_per_process "t" lang %}{{ text }}{% endcache_per_process %}')
    assert _per_process(template, lang="en", text="one") == "one"
    assert _per_process(template, lang="en", text="two") == "one"
    assert _per_process(template, lang="nl", text="two") == "two"


def test_cache_per_process_renders_every_time_in_development(settings):
    settings.DEBUG = True
    template = Template('{% load fragments %}{% cache_per_process "d" %}{{ text }}{% endcache_per_process %}')
    assert _per_process(template, text="one") == "one"
    assert _per_process(template, text="two") == "two"
