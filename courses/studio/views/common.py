"""The trainer studio. Every view resolves its course with `course_for_trainer_or_404`.

Anonymous users are sent to log in; a user who teaches nothing gets 403 on the studio
home and 404 on any course they do not teach (the course's existence is not revealed).
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.twofactor import staff_two_factor_missing, staff_two_factor_redirect
from courses.learning.models import Course


def studio_access(view):
    """Logged in, and a trainer or staff member; staff in a session that passed two-factor
    authentication (their powers reach every course and its trainers)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_trainer or request.user.is_staff):
            # A participant cannot learn whether a course exists: 404 on course URLs.
            if "slug" in kwargs:
                raise Http404
            raise PermissionDenied
        if staff_two_factor_missing(request):
            return staff_two_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def studio_edit_url(course: Course) -> str:
    return redirect("courses:studio_course_edit", slug=course.slug).url


def studio_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def studio_add_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def studio_conflict_form(form_class, data, current_version: int):
    """The trainer's own text, bound again, carrying the current version: saving again is a deliberate overwrite."""
    data = data.copy()
    data["version"] = current_version
    form = form_class(data)
    form.is_valid()
    return form


def studio_delete(request, course, obj, service, kind):
    if request.method == "POST":
        try:
            service(**{kind: obj})
        except ValidationError as exc:
            studio_errors(request, exc)
        else:
            messages.success(request, _("“%(title)s” was deleted.") % {"title": obj.title})
        return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_confirm_delete.html", {"course": course, "object": obj})
