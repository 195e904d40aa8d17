"""Per-course analytics: figures, CSV export and a query count independent of the enrollment count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.exercises.services import quiz_save, rubric_save
from courses.models import Enrollment, LessonProgress, QuizAttempt, Review, Submission
from courses.studio.selectors import course_analytics, pending_review_counts
from tests.factories import CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, TrainerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def course(trainer):
    course = CourseFactory(trainers=[trainer])
    module = ModuleFactory(course=course)
    LessonFactory(module=module, title="First lesson", position=1)
    LessonFactory(module=module, title="Second lesson", position=2)
    quiz = ExerciseFactory(module=module, kind="quiz", slug="q", title="Check")
    quiz_save(
        exercise=quiz,
        pass_mark=50,
        max_attempts=None,
        questions=[
            {"text": "Easy", "options": [{"text": "right", "correct": True}, {"text": "wrong"}]},
            {"text": "Hard", "options": [{"text": "right", "correct": True}, {"text": "wrong"}]},
        ],
    )
    assignment = ExerciseFactory(module=module, kind="assignment", slug="a", title="Practice")
    rubric_save(exercise=assignment, criteria=[{"name": "Listening", "max_score": 4}])
    return course


def populate(course, n: int, *, offset: int = 0) -> None:
    """n participants (bulk_create): all did lesson 1, every 2nd did lesson 2, every 4th completed in 3 days."""
    now = timezone.now()
    users = User.objects.bulk_create([User(email=f"p{offset + i}@example.com", full_name=f"P {i}") for i in range(n)])
    first, second = list(course.lessons.order_by("position"))
    enrollments, progress = [], []
    for i, user in enumerate(users):
        enrolled = now - timedelta(days=10 + i % 30)
        completed = i % 4 == 0
        enrollments.append(
            Enrollment(
                user=user,
                course=course,
                enrolled_at=enrolled,
                last_activity_at=now - timedelta(days=i % 14),
                status=Enrollment.Status.COMPLETED if completed else Enrollment.Status.ACTIVE,
                completed_at=enrolled + timedelta(days=3) if completed else None,
            )
        )
        progress.append(LessonProgress(user=user, lesson=first, course=course))
        if i % 2 == 0:
            progress.append(LessonProgress(user=user, lesson=second, course=course))
    Enrollment.objects.bulk_create(enrollments)
    LessonProgress.objects.bulk_create(progress)
    # Quiz: everyone answers "Easy" right; every 4th answers "Hard" right.
    quiz = course.exercises.get(kind="quiz")
    easy, hard = list(quiz.quiz.questions.prefetch_related("options"))
    right = {q.pk: next(o.pk for o in q.options.all() if o.is_correct) for q in (easy, hard)}
    wrong = {q.pk: next(o.pk for o in q.options.all() if not o.is_correct) for q in (easy, hard)}
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            user=user,
            exercise=quiz,
            number=1,
            score=100 if i % 4 == 0 else 50,
            passed=True,
            answers={str(easy.pk): [right[easy.pk]], str(hard.pk): [(right if i % 4 == 0 else wrong)[hard.pk]]},
        )
        for i, user in enumerate(users)
    )
    # Assignment: every 2nd submits; of those, every other one is reviewed 2 days later.
    assignment = course.exercises.get(kind="assignment")
    submissions = Submission.objects.bulk_create(
        Submission(
            user=user,
            exercise=assignment,
            course=course,
            version=1,
            text="My practice",
            submitted_at=now - timedelta(days=5),
            status=Submission.Status.APPROVED if i % 4 == 0 else Submission.Status.SUBMITTED,
        )
        for i, user in enumerate(users)
        if i % 2 == 0
    )
    Review.objects.bulk_create(
        Review(submission=s, feedback="Good", decision="approved", reviewed_at=s.submitted_at + timedelta(days=2))
        for s in submissions
        if s.status == Submission.Status.APPROVED
    )


def table(tables, key):
    return next(t for t in tables if t.key == key)


def test_studio_analytics_figures(course):
    populate(course, 8)
    tables = course_analytics(course=course)
    summary = table(tables, "summary").rows[0]
    assert summary[0] == 8  # enrolled
    assert summary[2] == 25.0  # 2 of 8 completed
    assert summary[3] == 3.0  # median days to complete
    assert table(tables, "funnel").rows == [["First lesson", 8, 100.0], ["Second lesson", 4, 50.0]]
    assert sum(row[1] for row in table(tables, "enrollments").rows) == 8
    # Hardest question first: "Hard" right for 2 of 8, "Easy" for all.
    assert table(tables, "quiz").rows == [["Hard", "Check", 8, 25.0], ["Easy", "Check", 8, 100.0]]
    # 4 submitted, 2 of them reviewed after 2 days, 2 waiting.
    assert table(tables, "turnaround").rows == [[2, 2, 2.0]]
    followup = dict(table(tables, "followup").rows)
    assert followup["Commitment plans made"] == 0 and followup["Participants"] == 8
    assert table(tables, "followthrough").note  # nobody answered a check-in yet


def test_studio_analytics_followup_figures(course):
    from courses.models import CheckIn, CheckInAnswer, Commitment, CommitmentPlan

    populate(course, 4)
    plan_ex = ExerciseFactory(module=course.modules.first(), kind="plan", slug="plan")
    past = timezone.now() - timedelta(days=1)
    answers = ["yes", "yes", "partly", "not_yet"]
    for i, enrollment in enumerate(course.enrollments.select_related("user")):
        plan = CommitmentPlan.objects.create(user=enrollment.user, exercise=plan_ex, course=course)
        commitment = Commitment.objects.create(plan=plan, position=1, situation="In 1:1s", behaviour="Ask first")
        checkin = CheckIn.objects.create(
            plan=plan,
            due_at=past,
            status=CheckIn.Status.ANSWERED if i < 3 else CheckIn.Status.SCHEDULED,
            answered_at=past if i < 3 else None,
        )
        if i < 3:
            CheckInAnswer.objects.create(
                checkin=checkin, commitment=commitment, commitment_text="x", did_it=answers[i], naturalness=5
            )
    tables = course_analytics(course=course)
    followup = dict(table(tables, "followup").rows)
    assert followup["Commitment plans made"] == 4
    assert followup["Check-in response rate (%)"] == 75
    assert table(tables, "followthrough").rows == [["Yes", 2, 67], ["Partly", 1, 33], ["Not yet", 0, 0]]


def test_studio_pending_review_counts_uses_submission_status(course):
    populate(course, 8)
    other = CourseFactory()
    # 4 submitted, 2 approved: 2 waiting.
    assert pending_review_counts([course.pk, other.pk]) == {course.pk: 2, other.pk: 0}


def test_studio_analytics_csv_export(client, trainer, course):
    populate(course, 4)
    client.force_login(trainer)
    url = reverse("courses:studio_analytics", args=[course.slug])
    response = client.get(url, {"format": "csv", "table": "funnel"})
    assert response["Content-Type"].startswith("text/csv")
    # Starts with a UTF-8 BOM, as the organization export does, so Excel shows en dashes and accents.
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Lesson,")
    assert lines[1] == "First lesson,4,100.0"
    assert client.get(url, {"format": "csv", "table": "nope"}).status_code == 404


def test_studio_analytics_page_has_svg_and_tables(client, trainer, course):
    populate(course, 4)
    client.force_login(trainer)
    content = client.get(reverse("courses:studio_analytics", args=[course.slug])).content.decode()
    assert content.count("<svg") >= 3  # enrollments per week, funnel, quiz questions
    assert "Hard" in content and "Assignment turnaround" in content and "Follow-through" in content
    assert "<table" in content and "First lesson" in content


def test_studio_analytics_query_count_same_at_10_and_2000(
    client, trainer, course, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(trainer)
    url = reverse("courses:studio_analytics", args=[course.slug])
    populate(course, 10)
    client.get(url)  # warm up
    # (With a Redis cache the session costs no query, hence "at most".)
    # 1 session, 2 user, 3 course (course_for_trainer_or_404), 4 totals aggregate, 5 median row(s),
    # 6 enrollments per week, 7 lesson funnel, 8-10 quiz (questions, correct options, newest attempts'
    # answers), 11-12 turnaround (counts, median row(s)), 13-15 follow-up (plans, check-ins
    # due/answered, answers by yes/partly/not yet; participants are query 4's total).
    with django_assert_max_num_queries(15) as small:
        response = client.get(url)
    assert response.status_code == 200
    populate(course, 1990, offset=10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "2000" in response.content.decode()
