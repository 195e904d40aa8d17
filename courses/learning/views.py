"""Learning pages: catalog, course page, lessons, attachments and the "My learning" dashboard.

Views only parse input, call one selector or service and render. Access is decided by the
selectors' permission functions (`course_for_learner_or_404`, `lesson_for_learner_or_404`,
`lesson_access`, `attachment_for_reader_or_404`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.learning import services
from courses.learning.hooks import hooks
from courses.learning.models import Course, Enrollment
from courses.learning.selectors import (
    LessonAccess,
    OutlineItem,
    attachment_for_reader_or_404,
    catalog_courses,
    course_for_learner_or_404,
    enrollment_for,
    learner_outline,
    learning_dashboard,
    lesson_access,
    lesson_for_learner_or_404,
    user_teaches,
)
from courses.learning.translations import catalog_pick_versions, enrollment_switch_version, version_offer
from lms.uploads import served_content_type


@require_GET
def catalog(request: HttpRequest) -> HttpResponse:
    """Published master classes, each once in the visitor's language (else the original), with
    its summary, length, number of modules and links to its other language versions."""
    courses = catalog_pick_versions(catalog_courses())
    return render(request, "courses/learning/course_list.html", {"courses": courses})


@require_GET
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = course_for_learner_or_404(user=request.user, slug=slug)
    enrollment = enrollment_for(user=request.user, course=course)
    outline = learner_outline(
        user=request.user,
        course=course,
        enrolled=enrollment is not None,
        completed=enrollment.completed_ids if enrollment is not None else None,
    )
    release = hooks.release_state(request.user, course, outline.modules)
    for module in outline.modules:
        module.release_state = release[module.pk]
    continue_slug = None
    if enrollment is not None:
        if enrollment.last_lesson_id is not None:
            continue_slug = next(
                (i.obj.slug for i in outline.items if i.is_lesson and i.obj.pk == enrollment.last_lesson_id), None
            )
        if continue_slug is None:
            nxt = next((i for i in outline.items if i.is_lesson and not i.done), None)
            continue_slug = nxt.obj.slug if nxt else None
    versions = version_offer(user=request.user, course=course, enrollment=enrollment)
    context = {
        "course": course,
        "trainers": course.trainers.all(),
        "enrollment": enrollment,
        "outline": outline,
        "continue_slug": continue_slug,
        # Enrolled in another language version: that one is linked instead of a second enrollment.
        "can_enroll": enrollment is None and versions.enrolled_in is None and course.status == Course.Status.PUBLISHED,
        "is_trainer": user_teaches(user=request.user, course=course),
        "versions": versions,
    }
    for extra in hooks.course_page_context:
        context.update(extra(request.user, course, enrollment))
    return render(request, "courses/learning/course_detail.html", context)


@require_POST
def course_enroll(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        # Back to the course page after logging in (a GET on this URL would be a 405).
        return redirect_to_login(reverse("courses:course_detail", kwargs={"slug": slug}))
    course = course_for_learner_or_404(user=request.user, slug=slug)
    if course.delivery == Course.Delivery.COHORT:
        # A cohort-only course is joined through a cohort with a free place.
        return redirect("courses:cohort_pick", slug=course.slug)
    try:
        _enrollment, created = services.enrollment_create(user=request.user, course=course)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(course)
    if created:
        messages.success(request, _("You are enrolled in “%(course)s”. Enjoy the course!") % {"course": course.title})
    else:
        messages.info(request, _("You are already enrolled in this course."))
    return redirect(course)


@require_http_methods(["GET", "POST"])
def course_switch_version(request: HttpRequest, slug: str, target: str) -> HttpResponse:
    """Move the user's enrollment to another language version of the course: GET asks for
    confirmation, POST switches (progress is kept where the structure matches)."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("courses:course_detail", kwargs={"slug": slug}))
    course = course_for_learner_or_404(user=request.user, slug=slug)
    other = course_for_learner_or_404(user=request.user, slug=target)
    enrollment = enrollment_for(user=request.user, course=course)
    if enrollment is None:
        messages.warning(request, _("You are not enrolled in this course."))
        return redirect(course)
    if request.method == "GET":
        context = {"course": course, "other": other, "enrollment": enrollment}
        return render(request, "courses/learning/course_switch_version.html", context)
    try:
        enrollment_switch_version(enrollment=enrollment, target=other)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(course)
    messages.success(
        request,
        _("You now follow “%(course)s”. Your completed lessons and exercises came along.") % {"course": other.title},
    )
    return redirect(other)


def _refuse_lesson(request: HttpRequest, course: Course) -> HttpResponse:
    if request.user.is_authenticated:
        messages.warning(request, _("Enroll in this course to read its lessons."))
    else:
        messages.warning(request, _("Log in and enroll in this course to read its lessons."))
    return redirect(course)


@require_GET
def lesson_detail(request: HttpRequest, course_slug: str, lesson_slug: str) -> HttpResponse:
    lesson = lesson_for_learner_or_404(user=request.user, course_slug=course_slug, lesson_slug=lesson_slug)
    course = lesson.course
    enrollment = enrollment_for(user=request.user, course=course)
    if lesson_access(user=request.user, lesson=lesson, enrollment=enrollment) != LessonAccess.OPEN:
        return _refuse_lesson(request, course)
    is_open, opens_at = hooks.release_state(request.user, lesson.course, [lesson.module_id])[lesson.module_id]
    if not is_open and not lesson.free_preview:
        if opens_at:
            messages.info(request, _("This module opens on %(date)s.") % {"date": date_format(opens_at, "DATE_FORMAT")})
        else:
            messages.info(request, _("This module is not open yet."))
        return redirect(course)
    # A free preview read by a visitor: the rest of the course is shown locked, never linked (it would 404).
    preview_only = enrollment is None and lesson.free_preview and not user_teaches(user=request.user, course=course)
    outline = learner_outline(
        user=request.user,
        course=course,
        enrolled=enrollment is not None,
        preview_only=preview_only,
        completed=enrollment.completed_ids if enrollment is not None else None,
    )
    previous_item, next_item = outline.neighbours(lesson)
    current = next((i for i in outline.items if i.is_lesson and i.obj.pk == lesson.pk), None)
    if enrollment is not None:
        services.lesson_visit(user=request.user, lesson=lesson, enrollment=enrollment)
    context = {
        "course": course,
        "lesson": lesson,
        "module": lesson.module,
        "enrollment": enrollment,
        "outline": outline,
        "preview_only": preview_only,
        "previous_item": previous_item,
        "next_item": next_item,
        "is_done": current is not None and current.done,
        # From the cached outline (every attachment write invalidates it): no query.
        "attachments": current.obj.attachments if current is not None else [],
        "video_embed_url": lesson.video_embed_url,
    }
    return render(request, "courses/learning/lesson_detail.html", context)


def _item_url(item: OutlineItem) -> str | None:
    """The page of an outline item; None when that page is not available (yet)."""
    try:
        return item.obj.get_absolute_url()
    except NoReverseMatch:
        return None


@require_POST
def lesson_complete(request: HttpRequest, course_slug: str, lesson_slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(
            reverse("courses:lesson_detail", kwargs={"course_slug": course_slug, "lesson_slug": lesson_slug})
        )
    lesson = lesson_for_learner_or_404(user=request.user, course_slug=course_slug, lesson_slug=lesson_slug)
    course = lesson.course
    enrollment = enrollment_for(user=request.user, course=course)
    if enrollment is None:
        messages.warning(request, _("Enroll in this course to keep track of your progress."))
        return redirect(course)
    services.lesson_complete(user=request.user, lesson=lesson)
    enrollment.refresh_from_db(fields=["status"])
    if enrollment.status == Enrollment.Status.COMPLETED:
        messages.success(request, _("Lesson complete. You have finished every required part of this course!"))
    else:
        messages.success(request, _("Lesson marked complete."))
    # Move on to the next item in the outline (a lesson, or an exercise once its page exists).
    outline = learner_outline(user=request.user, course=course)
    _previous, following = outline.neighbours(lesson)
    while following is not None:
        url = _item_url(following)
        if url:
            return redirect(url)
        _previous, following = outline.neighbours(following.obj)
    return redirect(course)


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an attachment from private storage to those who may read its lesson."""
    attachment = attachment_for_reader_or_404(user=request.user, pk=pk)
    stored = attachment.file.open("rb")
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.original_name or attachment.title,
        content_type=served_content_type(stored),  # sniffed from the stored bytes, whatever was saved
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    dashboard = learning_dashboard(user=request.user)
    context = {"active": dashboard.active, "completed": dashboard.completed, "invitations": dashboard.invitations}
    return render(request, "courses/learning/enrollment_dashboard.html", context)
