"""Builders for the impact tests (no tests here): a course with a trainer, a plan and a quiz, and an
organization whose members took it on a seat licence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Membership, User
from courses.followup.services import CommitmentAnswerInput, checkin_answer
from courses.impact.models import KpiValue
from courses.impact.tokens import pulse_token_dumps
from courses.models import Enrollment, Exercise, ObserverRound, PulseRound, TeamMember
from tests.courses.followup.conftest import make_plan, plan_exercise
from tests.courses.followup.observer_builders import answer, observers_of
from tests.courses.followup.services_helpers import observers_set_simple
from tests.courses.organizations.conftest import make_org
from tests.factories import EnrollmentFactory, ExerciseFactory, MembershipFactory, ModuleFactory, TrainerFactory


@dataclass
class World:
    course: object
    trainer: User
    organization: object
    admin: User
    licence: object
    plan_exercise: Exercise
    quiz: Exercise
    people: list[User] = field(default_factory=list)


def world() -> World:
    exercise = plan_exercise()
    course = exercise.course
    trainer = TrainerFactory()
    course.trainers.add(trainer)
    quiz = ExerciseFactory(module=ModuleFactory(course=course), kind=Exercise.Kind.QUIZ, title="Coaching basics")
    organization, admin, licence = make_org(course=course, seats=600)
    return World(course, trainer, organization, admin, licence, exercise, quiz)


def add_people(w: World, n: int, *, ended_days_ago: int = 90) -> list[User]:
    """n members of the organization, enrolled and completed `ended_days_ago` days ago."""
    done = timezone.now() - datetime.timedelta(days=ended_days_ago)
    people = []
    for _ in range(n):
        enrollment = EnrollmentFactory(course=w.course, status=Enrollment.Status.COMPLETED, completed_at=done)
        MembershipFactory(user=enrollment.user, organization=w.organization, role=Membership.Role.MEMBER)
        people.append(enrollment.user)
    w.people += people
    return people


def add_plan_with_rounds(w: World, user: User, *, answers: int = 3, base: int = 3, last: int = 5):
    """A plan with `answers` observers answering the baseline (value `base`) and round 1 (value `last`)."""
    plan = make_plan(user, w.plan_exercise, n=1)
    observers_set_simple(plan, n=max(answers, 3))
    ObserverRound.objects.filter(plan=plan, number=1).update(opens_at=timezone.now())
    for number, value in ((0, base), (1, last)):
        answer(plan, ObserverRound.objects.get(plan=plan, number=number), observers_of(plan)[:answers], value=value)
    return plan


def answer_first_checkin(plan, did_it: str = "yes", naturalness: int = 6):
    checkin = plan.checkins.order_by("due_at").first()
    answers = {c.pk: CommitmentAnswerInput(did_it=did_it, naturalness=naturalness) for c in plan.commitments.all()}
    return checkin_answer(checkin=checkin, answers=answers)


def add_kpi(w: World, user: User, months: dict[int, float], metric: str = "Win rate"):
    """Figures at month offsets from the person's course end (-2 = two months before it ended)."""
    end = timezone.localdate(Enrollment.objects.get(user=user, course=w.course).completed_at).replace(day=1)
    for offset, value in months.items():
        year, month = divmod(end.month - 1 + offset, 12)
        KpiValue.objects.create(
            organization=w.organization,
            user=user,
            month=datetime.date(end.year + year, month + 1, 1),
            metric=metric,
            value=value,
        )


def pulse_world(w_ns, user, course) -> None:
    """The hostile-input walk's team pulse: one team member and an open round, and the member's link."""
    member = TeamMember.objects.create(user=user, course=course, email="team1@example.com")
    round_ = PulseRound.objects.create(user=user, course=course, phase=PulseRound.Phase.BEFORE, opens_at=timezone.now())
    w_ns.pulse_token = pulse_token_dumps(member_id=member.pk, round_id=round_.pk)
