"""Demo impact story for Acme Sales: its people took "Successfully Changing Behavior" on a seat
licence about three months ago. Each has a commitment plan with observers (a baseline and three
rounds of 2-6 answers, some under the threshold of 3), check-ins, a team coaching pulse before and
after, a pre- and post-test, an end-of-course survey, and six months of a win rate. The picture is
mixed on purpose: most improve a little, one slips back, some rounds have too few answers.

Runs after seed_followup. Idempotent: a person who already has a plan is left as they are.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import F
from django.utils import timezone

from accounts.models import Organization, User
from accounts.services import membership_ensure
from courses.demo.organizations import MEMBERS, ORG_SLUG
from courses.exercises.models import QuizAttempt
from courses.followup.models import CheckIn, CheckInAnswer, CommitmentPlan
from courses.followup.models_observers import Observer, ObserverRating, ObserverResponse, ObserverRound
from courses.followup.services import CommitmentInput, plan_create
from courses.impact.models import KpiValue, PrePostTest, ReactionSurvey
from courses.impact.models_pulse import PULSE_ITEMS, PulseActivation, PulseRating, PulseResponse, PulseRound, TeamMember
from courses.learning.models import Course, Enrollment, Exercise
from courses.learning.services import enrollment_create
from courses.organizations.models import SeatLicence

COURSE_SLUG = "successfully-changing-behavior"
PREPOST_QUIZ = "wanting-and-doing"
ENDED_DAYS_AGO = 100
PLAN_DAYS_BEFORE_END = 50
METRIC = "Win rate (%)"
OBSERVER_COMMENTS = [
    "",
    "",
    "",
    "Asks more than before.",
    "Still jumps to solutions when busy.",
    "In the pipeline review this week I got to finish my plan first.",
    "Better in one-to-ones than in team meetings.",
    "Noticed the questions; the advice still comes quickly after.",
    "Gave me room to find my own way with the renewal.",
]

# Per person: (observer answers per round: baseline + 3 rounds, observer trend, pulse trend, win-rate trend)
STORIES = [
    ((5, 4, 4, 5), 1.6, 0.9, 3.0),
    ((6, 5, 3, 4), 1.2, 0.6, 2.0),
    ((4, 3, 2, 3), 0.8, 0.4, 1.5),  # round 2: two answers, not shown
    ((3, 2, 3, 3), -0.4, -0.2, -1.0),  # slips back
    ((4, 4, 4, 4), 1.0, 0.8, 2.5),
    ((3, 3, 3, 2), 0.2, 0.1, 0.0),  # flat; last round under the threshold
    ((5, 3, 4, 4), 1.4, 0.7, 1.0),
    ((2, 2, 3, 3), 0.9, 0.5, 2.0),  # baseline under the threshold
]
COMMITMENTS = [
    (
        "a rep brings me a problem in our one-to-one",
        "ask two open questions before I say what I think",
        "asks two open questions before saying what they think",
    ),
    (
        "a deal review starts",
        "let the rep tell me their plan before I give mine",
        "lets me tell my plan before giving theirs",
    ),
]


def seed_impact(users: dict[str, User]) -> None:
    course = Course.objects.filter(slug=COURSE_SLUG).first()
    organization = Organization.objects.filter(slug=ORG_SLUG).first()
    exercise = Exercise.objects.filter(course=course, kind=Exercise.Kind.PLAN).order_by("position", "id").first()
    if course is None or organization is None or exercise is None:
        return
    licence, _ = SeatLicence.objects.get_or_create(organization=organization, course=course, defaults={"seats": 12})
    quiz = Exercise.objects.filter(course=course, slug=PREPOST_QUIZ).first()
    if quiz is not None:
        PrePostTest.objects.get_or_create(course=course, defaults={"quiz": quiz})
    PulseActivation.objects.get_or_create(organization=organization, defaults={"enabled_by": users.get("orgadmin")})
    rng = random.Random(16)  # the same story on every run
    ended = timezone.now() - datetime.timedelta(days=ENDED_DAYS_AGO)
    for (email, _name, _share, _idle), story in zip(MEMBERS, STORIES, strict=True):
        user = User.objects.filter(email=email).first()
        if user is None or CommitmentPlan.objects.filter(user=user, exercise=exercise).exists():
            continue
        membership_ensure(user=user, organization=organization)
        enrollment, created = enrollment_create(user=user, course=course, source=Enrollment.Source.ORGANIZATION)
        if created:
            SeatLicence.objects.filter(pk=licence.pk, seats_used__lt=F("seats")).update(seats_used=F("seats_used") + 1)
        Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.COMPLETED, completed_at=ended)
        plan = _plan(user, exercise, ended, rng)
        _observers(plan, story, rng)
        _pulse(user, course, ended, story, rng)
        _learning(user, course, quiz, rng)
        _kpi(organization, user, ended, story[3], rng)


def _plan(user: User, exercise: Exercise, ended: datetime.datetime, rng: random.Random) -> CommitmentPlan:
    count = 2 if rng.random() < 0.5 else 1
    plan = plan_create(
        user=user, exercise=exercise, commitments=[CommitmentInput(s, b, "") for s, b, _o in COMMITMENTS[:count]]
    )
    made = ended - datetime.timedelta(days=PLAN_DAYS_BEFORE_END)
    CommitmentPlan.objects.filter(pk=plan.pk).update(created_at=made)
    first = user.get_short_name()
    for commitment, (_s, _b, observable) in zip(plan.commitments.order_by("position"), COMMITMENTS, strict=False):
        commitment.observable = f"{first} {observable}."
        commitment.save(update_fields=["observable"])
    for weeks, checkin in zip((1, 3, 8), plan.checkins.order_by("due_at"), strict=False):
        checkin.due_at = made + datetime.timedelta(weeks=weeks)
        checkin.status, checkin.answered_at = CheckIn.Status.ANSWERED, checkin.due_at + datetime.timedelta(hours=6)
        checkin.save(update_fields=["due_at", "status", "answered_at"])
        CheckInAnswer.objects.bulk_create(
            CheckInAnswer(
                checkin=checkin,
                commitment=c,
                commitment_text=c.sentence,
                did_it=rng.choices(["yes", "partly", "not_yet"], weights=[3 + weeks // 3, 3, 2])[0],
                naturalness=min(10, 3 + weeks // 2 + rng.randint(0, 3)),
            )
            for c in plan.commitments.all()
        )
    return plan


def _observers(plan: CommitmentPlan, story, rng: random.Random) -> None:
    answers, trend = story[0], story[1]
    slug = plan.user.email.split("@")[0]
    observers = Observer.objects.bulk_create(
        [Observer(plan=plan, email=f"observer{i}.{slug}@acme.example.com") for i in range(1, max(answers) + 1)]
    )
    made = CommitmentPlan.objects.values_list("created_at", flat=True).get(pk=plan.pk)
    rounds = [ObserverRound.objects.create(plan=plan, number=0, opens_at=made)]
    for number, checkin in enumerate(plan.checkins.order_by("due_at"), start=1):
        rounds.append(ObserverRound.objects.create(plan=plan, number=number, checkin=checkin, opens_at=checkin.due_at))
    commitments = list(plan.commitments.all())
    for number, (round_, count) in enumerate(zip(rounds, answers, strict=False)):
        for observer in rng.sample(observers, count):
            response = ObserverResponse.objects.create(
                round=round_, observer=observer, submitted_at=round_.opens_at + datetime.timedelta(days=1)
            )
            mean = 3.2 + trend * number / 3
            ObserverRating.objects.bulk_create(
                ObserverRating(
                    response=response,
                    commitment=c,
                    value=max(1, min(7, round(rng.gauss(mean, 0.9)))),
                    comment=rng.choice(OBSERVER_COMMENTS),
                )
                for c in commitments
            )


def _pulse(user: User, course: Course, ended: datetime.datetime, story, rng: random.Random) -> None:
    slug = user.email.split("@")[0]
    members = TeamMember.objects.bulk_create(
        [TeamMember(user=user, course=course, email=f"team{i}.{slug}@acme.example.com") for i in range(1, 6)]
    )
    phases = (
        (PulseRound.Phase.BEFORE, ended - datetime.timedelta(days=70), 3.3),
        (PulseRound.Phase.AFTER, ended + datetime.timedelta(weeks=8), 3.3 + story[2]),
    )
    for phase, opens_at, mean in phases:
        round_ = PulseRound.objects.create(user=user, course=course, phase=phase, opens_at=opens_at)
        for member in rng.sample(members, rng.choice([3, 4, 4, 5, 3, 2])):
            response = PulseResponse.objects.create(round=round_, member=member, submitted_at=opens_at)
            PulseRating.objects.bulk_create(
                PulseRating(response=response, item=key, value=max(1, min(7, round(rng.gauss(mean, 0.8)))))
                for key, _label in PULSE_ITEMS
            )


def _learning(user: User, course: Course, quiz: Exercise | None, rng: random.Random) -> None:
    if rng.random() < 0.85:
        ReactionSurvey.objects.get_or_create(
            user=user,
            course=course,
            defaults={
                "relevance": rng.choice([5, 6, 6, 7]),
                "confidence": rng.choice([4, 5, 5, 6]),
                "recommend": rng.choice([6, 8, 9, 9, 10]),
                "open_answer": rng.choice(["Ask first, every one-to-one.", "Fewer solutions from me.", ""]),
            },
        )
    if quiz is None or rng.random() < 0.2:
        return
    pre = rng.randint(35, 60)
    for number, score in ((1, pre), (2, min(100, pre + rng.randint(5, 35)))):
        QuizAttempt.objects.get_or_create(
            user=user, exercise=quiz, number=number, defaults={"score": score, "passed": score >= 70, "answers": {}}
        )


def _kpi(organization: Organization, user: User, ended: datetime.datetime, trend: float, rng) -> None:
    end_month = timezone.localdate(ended).replace(day=1)
    base = rng.uniform(18, 28)
    for offset in range(-3, 3):
        year, month = divmod(end_month.month - 1 + offset, 12)
        value = base + (trend * (offset + 1) / 3 if offset >= 0 else 0) + rng.uniform(-1.5, 1.5)
        KpiValue.objects.get_or_create(
            organization=organization,
            user=user,
            month=datetime.date(end_month.year + year, month + 1, 1),
            metric=METRIC,
            defaults={"value": round(value, 1)},
        )
