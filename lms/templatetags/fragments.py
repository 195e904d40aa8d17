"""`{% cache_per_process name var … %}…{% endcache_per_process %}`: a template fragment rendered once
per process for each combination of the given variables.

Only for fragments that depend on nothing but those variables and what a deploy changes
(templates, URLs, static file names, translations): a deploy restarts the processes, which
starts every memo afresh. The base layout's menu, asset links and language list are such
fragments; per-request parts (CSRF tokens, the CSP nonce, the user's name, the current path)
stay outside. Measured for issue 18: the base layout cost about 0.6 ms of the lesson page's
~4 ms, most of it `{% url %}`, `{% static %}` and `{% translate %}` giving the same answers.

With `DEBUG` on (development, where templates are edited under a running server) the
fragment is rendered every time.
"""

from __future__ import annotations

import threading

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf

register = template.Library()

_MAX_ENTRIES = 1000  # combinations are few (languages × menu flags); this only bounds a mistake
_memo: dict[tuple, str] = {}
_lock = threading.Lock()


class CachePerProcessNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, vary_on: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context: template.Context) -> str:
        if settings.DEBUG:
            return self.nodelist.render(context)
        key = (self.name, get_urlconf(), get_script_prefix(), *(str(v.resolve(context)) for v in self.vary_on))
        value = _memo.get(key)
        if value is None:
            value = self.nodelist.render(context)
            with _lock:
                if len(_memo) >= _MAX_ENTRIES:
                    _memo.clear()
                _memo[key] = value
        return value


def cache_per_process_clear() -> None:
    """Forget every fragment (tests that change what a fragment shows without a restart)."""
    with _lock:
        _memo.clear()


@register.tag("cache_per_process")
def do_cache_per_process(parser: template.base.Parser, token: template.base.Token) -> CachePerProcessNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name")
    nodelist = parser.parse(("endcache_per_process",))
    parser.delete_first_token()
    return CachePerProcessNode(nodelist, bits[1], [parser.compile_filter(b) for b in bits[2:]])
