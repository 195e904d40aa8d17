"""{% your_certificates %}: the "Your certificates" list on My learning, without a view change."""

from __future__ import annotations

from django import template

from courses.selectors.certificates import certificates_for_user

register = template.Library()


@register.inclusion_tag("courses/certificate_list_include.html", takes_context=True)
def your_certificates(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    certs = certificates_for_user(user=user) if user is not None else []
    return {"certificates": certs, "request": request}
