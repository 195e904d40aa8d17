"""What search engines and link previews read: schema.org JSON-LD, emitted safely.

JSON-LD sits in a <script> element, so trainer-written text could end it early ("</script>") or
open a comment: `jsonld_script` escapes <, > and & as JSON unicode escapes (as Django's
json_script does), which a JSON parser reads back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lms.links import absolute_url, site_url

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)


def jsonld_script(data: Any, *, nonce: str = "") -> SafeString:
    if nonce:
        return format_html(
            '<script type="application/ld+json" nonce="{}">{}</script>', nonce, SafeString(jsonld_dumps(data))
        )
    return format_html('<script type="application/ld+json">{}</script>', SafeString(jsonld_dumps(data)))


def _provider() -> dict[str, str]:
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": site_url("/")}


def cohort_instance(cohort: Any, *, trainers: list[Any]) -> dict[str, Any]:
    return {
        "@type": "CourseInstance",
        "name": cohort.name,
        "courseMode": "Blended",
        "startDate": cohort.starts_on.isoformat(),
        "endDate": cohort.ends_on.isoformat(),
        "maximumAttendeeCapacity": cohort.capacity,
        "remainingAttendeeCapacity": cohort.seats_free,
        "instructor": [{"@type": "Person", "name": t.get_full_name()} for t in trainers],
    }


def course_jsonld(course: Any, *, trainers: list[Any], cohorts: list[Any]) -> dict[str, Any]:
    """schema.org Course, with one CourseInstance per open cohort (hasCourseInstance)."""
    instances = [cohort_instance(c, trainers=trainers) for c in cohorts]
    if course.delivery != "cohort":
        instances.insert(
            0,
            {
                "@type": "CourseInstance",
                "courseMode": "Online",
                "courseWorkload": f"PT{course.estimated_hours}H",
                "instructor": [{"@type": "Person", "name": t.get_full_name()} for t in trainers],
            },
        )
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "url": absolute_url("courses:course_detail", slug=course.slug),
        "inLanguage": course.language,
        "image": absolute_url("courses:course_cover", slug=course.slug),
        "provider": _provider(),
        "teaches": course.outcome_list,
        "hasCourseInstance": instances,
    }
