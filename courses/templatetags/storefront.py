"""{% jsonld data %}: a schema.org JSON-LD block, escaped so that no text can end the script early."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from courses.storefront.seo import jsonld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def jsonld(context, data) -> SafeString:
    if not data:
        return SafeString("")
    return jsonld_script(data, nonce=str(context.get("csp_nonce", "") or ""))
