"""Reads and permission checks for quizzes, reflections and practice assignments.

Each selector owns its joins, so a page's query count does not grow with the number of
attempts, versions or waiting submissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from courses.exercises.models import (
    PeerReview,
    Question,
    Quiz,
    QuizAttempt,
    ReflectionResponse,
    RubricCriterion,
    Submission,
)
from courses.learning.models import Course, Enrollment, Exercise


def _is_trainer_of(user: User, course_id: int) -> bool:
    return Course.trainers.through.objects.filter(course_id=course_id, user_id=user.pk).exists()


def exercise_access(*, user: User, exercise: Exercise) -> str | None:
    """'participant', 'trainer' (course trainer or staff) or None (no access)."""
    if not user.is_authenticated:
        return None
    if user.is_staff or _is_trainer_of(user, exercise.course_id):
        return "trainer"
    enrolled = (
        Enrollment.objects.filter(user=user, course_id=exercise.course_id)
        .exclude(status=Enrollment.Status.CANCELLED)
        .exists()
    )
    return "participant" if enrolled else None


def exercise_for_participant_or_404(*, user: User, course_slug: str, exercise_slug: str) -> Exercise:
    """An exercise the user may do: enrolled (not cancelled) in its course, or its trainer, or staff."""
    if not user.is_authenticated:
        raise Http404
    exercise = get_object_or_404(
        Exercise.objects.select_related("course", "module"), course__slug=course_slug, slug=exercise_slug
    )
    role = exercise_access(user=user, exercise=exercise)
    if role is None:
        raise Http404
    exercise.viewer_role = role
    return exercise


def _submission_qs() -> QuerySet[Submission]:
    return Submission.objects.select_related("user", "exercise", "course", "review", "review__reviewer")


def submission_for_viewer_or_404(*, user: User, pk: int) -> Submission:
    """A submission seen by its owner, the course's trainers, staff or a peer reviewer it is assigned
    to; never anyone else (not the participant's organization)."""
    if not user.is_authenticated:
        raise Http404
    qs = _submission_qs().filter(pk=pk)
    if not user.is_staff:
        reviewing = Q(
            peer_reviews__reviewer=user,
            peer_reviews__status__in=[PeerReview.Status.ASSIGNED, PeerReview.Status.SUBMITTED],
        )
        qs = qs.filter(Q(user=user) | Q(course__trainers=user) | reviewing).distinct()
    submission = qs.first()
    if submission is None:
        raise Http404
    return submission


def submission_for_reviewer_or_404(*, user: User, pk: int) -> Submission:
    """A submission the user may review: a trainer of its course, or staff."""
    if not user.is_authenticated:
        raise Http404
    qs = _submission_qs().filter(pk=pk)
    if not user.is_staff:
        qs = qs.filter(course__trainers=user)
    submission = qs.first()
    if submission is None:
        raise Http404
    return submission


def user_reviews(*, user: User) -> bool:
    """May the user open the review queue at all (a trainer or staff)."""
    return user.is_authenticated and (user.is_staff or user.is_trainer)


# --- Quiz ----------------------------------------------------------------------


@dataclass
class QuizState:
    quiz: Quiz | None
    questions: list[Question]
    attempts: list[QuizAttempt]
    best: QuizAttempt | None
    attempts_left: int | None  # None: unlimited

    @property
    def can_attempt(self) -> bool:
        return self.quiz is not None and bool(self.questions) and (self.attempts_left is None or self.attempts_left > 0)


def quiz_state(*, user: User, exercise: Exercise) -> QuizState:
    """The quiz with its questions and options, and the user's attempts (four queries)."""
    quiz = Quiz.objects.filter(exercise=exercise).first()
    questions = list(quiz.questions.prefetch_related("options")) if quiz else []
    attempts = list(QuizAttempt.objects.filter(user=user, exercise=exercise).order_by("-created_at", "-id"))
    best = max(attempts, key=lambda a: (a.score, -a.number), default=None)
    left = None
    if quiz is not None and quiz.max_attempts is not None:
        left = max(0, quiz.max_attempts - len(attempts))
    return QuizState(quiz=quiz, questions=questions, attempts=attempts, best=best, attempts_left=left)


def quiz_attempt_for_user(*, user: User, exercise: Exercise, pk: int) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(user=user, exercise=exercise, pk=pk).first()


# --- Reflection --------------------------------------------------------------------


def reflection_for(*, user: User, exercise: Exercise) -> ReflectionResponse | None:
    return ReflectionResponse.objects.filter(user=user, exercise=exercise).first()


# --- Assignment ------------------------------------------------------------------


def rubric_for(*, exercise_id: int) -> list[RubricCriterion]:
    return list(RubricCriterion.objects.filter(exercise_id=exercise_id).order_by("position", "id"))


def submission_history(*, user_id: int, exercise_id: int) -> list[Submission]:
    """Every version the user submitted, newest first, with its review (one query)."""
    return list(
        Submission.objects.filter(user_id=user_id, exercise_id=exercise_id)
        .select_related("review", "review__reviewer")
        .order_by("-version")
    )


def attach_scores(*, submissions: Iterable[Submission], rubric: list[RubricCriterion]) -> None:
    """Give each reviewed submission a `score_rows` list of (criterion, score) for display."""
    for s in submissions:
        review = s.review if hasattr(s, "review") else None
        s.score_rows = [(c, (review.scores or {}).get(str(c.pk))) for c in rubric] if review else []
        s.score_total = sum(v for _, v in s.score_rows if v is not None) if review else None
        s.score_max = sum(c.max_score for c in rubric)


def review_queue(*, user: User, course_id: int | None = None, state: str = "submitted") -> QuerySet[Submission]:
    """Submissions for the courses the user teaches (staff: all), oldest first."""
    qs = Submission.objects.select_related("user", "exercise", "course")
    if not user.is_staff:
        qs = qs.filter(course__in=Course.objects.filter(trainers=user))
    if course_id:
        qs = qs.filter(course_id=course_id)
    if state in Submission.Status.values:
        qs = qs.filter(status=state)
    return qs.order_by("submitted_at", "id")


def review_queue_courses(*, user: User) -> list[Course]:
    qs = Course.objects.all() if user.is_staff else Course.objects.filter(trainers=user)
    return list(qs.order_by("title").only("id", "title", "slug"))


def pending_reviews_by_trainer(*, trainer_ids: Iterable[int]) -> dict[int, list[Submission]]:
    """Waiting submissions per trainer, oldest first, in two queries whatever their number."""
    trainer_ids = list(trainer_ids)
    if not trainer_ids:
        return {}
    courses_by_trainer: dict[int, set[int]] = {}
    # 1: which courses each trainer teaches.
    for user_id, course_id in Course.trainers.through.objects.filter(user_id__in=trainer_ids).values_list(
        "user_id", "course_id"
    ):
        courses_by_trainer.setdefault(user_id, set()).add(course_id)
    all_courses = set().union(*courses_by_trainer.values()) if courses_by_trainer else set()
    result: dict[int, list[Submission]] = {tid: [] for tid in trainer_ids}
    if not all_courses:
        return result
    # 2: the waiting submissions of those courses, with who and what.
    pending = list(
        Submission.objects.filter(course_id__in=all_courses, status=Submission.Status.SUBMITTED)
        .select_related("user", "exercise", "course")
        .order_by("submitted_at", "id")
    )
    for tid, course_ids in courses_by_trainer.items():
        result[tid] = [s for s in pending if s.course_id in course_ids]
    return result


# --- Trainer: submitted reflections of one course ----------------------------------------------


def course_reflection_exercises(*, course: Course) -> list[Exercise]:
    """The course's reflection exercises, in course order (one query), for the page's filter."""
    return list(
        Exercise.objects.filter(course=course, kind=Exercise.Kind.REFLECTION)
        .select_related("module")
        .only("id", "title", "slug", "position", "module__position")
        .order_by("module__position", "position", "id")
    )


def course_reflections(*, course: Course, exercise_id: int | None = None) -> QuerySet[ReflectionResponse]:
    """Submitted reflections of `course`, grouped by exercise in course order, newest first within one.

    Visible to the participant, the course's trainers and staff only (issue 4); the caller checks
    access with course_for_trainer_or_404. Drafts are never shown. Joins user and exercise so a page
    costs one query whatever its length.
    """
    qs = ReflectionResponse.objects.filter(
        exercise__course=course, status=ReflectionResponse.Status.SUBMITTED
    ).select_related("user", "exercise__module")
    if exercise_id is not None:
        qs = qs.filter(exercise_id=exercise_id)
    return qs.order_by("exercise__module__position", "exercise__position", "exercise_id", "-submitted_at", "-pk")


# --- Peer review -------------------------------------------------------------------------------


def peer_reviews_to_do(*, user: User) -> list[PeerReview]:
    """The user's peer reviews (open first, then done), with the work's exercise and course (one query)."""
    return list(
        PeerReview.objects.filter(reviewer=user)
        .exclude(status=PeerReview.Status.EXPIRED)
        .select_related("submission__exercise", "submission__course", "submission__user")
        .order_by("-status", "due_at", "id")[:200]
    )


def peer_review_for_reviewer_or_404(*, user: User, pk: int) -> PeerReview:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        PeerReview.objects.select_related(
            "submission__exercise__peer_review_setup", "submission__course", "submission__user"
        ),
        pk=pk,
        reviewer=user,
    )


def peer_review_for_author_or_404(*, user: User, pk: int) -> PeerReview:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(PeerReview.objects.select_related("submission"), pk=pk, submission__user=user)


def attach_peer_reviews(*, submissions: Iterable[Submission], rubric: list[RubricCriterion]) -> None:
    """`s.peer_reviews_done` (done reviews with reviewer) and `s.peer_table` (per criterion: the peers'
    scores beside the trainer's) on each submission, in one query."""
    submissions = list(submissions)
    by_submission: dict[int, list[PeerReview]] = {s.pk: [] for s in submissions}
    if submissions:
        for review in (
            PeerReview.objects.filter(submission_id__in=by_submission, status=PeerReview.Status.SUBMITTED)
            .select_related("reviewer")
            .order_by("submitted_at", "id")
        ):
            by_submission[review.submission_id].append(review)
    for submission in submissions:
        done = submission.peer_reviews_done = by_submission[submission.pk]
        trainer = submission.review.scores if hasattr(submission, "review") else {}
        submission.peer_table = [
            (c, [(r.scores or {}).get(str(c.pk)) for r in done], (trainer or {}).get(str(c.pk))) for c in rubric
        ]


def is_peer_reviewer(*, user: User, submission_id: int) -> bool:
    return (
        PeerReview.objects.filter(submission_id=submission_id, reviewer_id=user.pk)
        .exclude(status=PeerReview.Status.EXPIRED)
        .exists()
    )


def peer_reviews_open_count(*, user: User, exercise_id: int) -> int:
    return PeerReview.objects.filter(
        reviewer_id=user.pk, submission__exercise_id=exercise_id, status=PeerReview.Status.ASSIGNED
    ).count()
