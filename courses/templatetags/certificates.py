"""{% your_certificates %}: the "Your certificates" list on My learning, without a view change."""

from __future__ import annotations

from django import template

from courses.certificates.selectors import certificates_for_user

register = template.Library()


@register.inclusion_tag("courses/certificates/certificate_list_include.html", takes_context=True)
def your_certificates(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    completed = context.get("completed")
    if user is None or (completed is not None and not completed):
        # The dashboard passes the completed enrollments; with none there is no certificate,
        # so this saves the page a query.
        return {"certificates": [], "request": request}
    return {"certificates": certificates_for_user(user=user), "request": request}
