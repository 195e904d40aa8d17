"""Observer pulses: naming observers, signed links, thresholds, the participant's view."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from courses.followup.selectors.observers import observer_results, plan_for_owner_or_404
from courses.followup.services import CommitmentAnswerInput, checkin_answer
from courses.followup.services.observers import observer_url
from courses.followup.tokens import OBSERVER_TOKEN_SALT, observer_token_dumps
from courses.models import Observer, ObserverRating, ObserverResponse, ObserverRound
from tests.courses.followup.conftest import make_plan, participant, plan_exercise
from tests.courses.followup.observer_builders import answer, baseline, link_path, observers_of, plan_with_observers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(plan):
    return reverse("courses:plan_observers", kwargs={"pk": plan.pk})


def _post_observers(client, plan, emails: str):
    data = {"emails": emails, **{f"item_{c.pk}": "Alex asks first" for c in plan.commitments.all()}}
    return client.post(_page(plan), data)


@pytest.fixture
def plan():
    exercise = plan_exercise()
    return make_plan(participant(exercise.course, email="alex@example.com"), exercise, n=2)


@pytest.mark.parametrize(
    ("emails", "message"),
    [
        ("alex@example.com\na@example.com\nb@example.com", "remove your own address"),
        ("a@example.com\na@example.com\nb@example.com", "listed more than once"),
        ("\n".join(f"p{i}@example.com" for i in range(9)), "at most 8"),
        ("a@example.com\nb@example.com", "at least 3"),
        ("a@example.com\nnot-an-email\nb@example.com", "not an email address"),
    ],
)
def test_observers_bad_input_says_why_and_saves_nothing(client, plan, emails, message):
    client.force_login(plan.user)
    response = _post_observers(client, plan, emails)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Observer.objects.exists() and not ObserverRound.objects.exists()
    plan.commitments.first().refresh_from_db()
    assert plan.commitments.first().observable == ""


def test_observers_saved_open_a_baseline_and_one_round_per_checkin(client, plan):
    client.force_login(plan.user)
    response = _post_observers(client, plan, "A@example.com, b@example.com; c@example.com")
    assert response.status_code == 302
    assert sorted(Observer.objects.values_list("email", flat=True)) == [
        "a@example.com",
        "b@example.com",
        "c@example.com",
    ]
    rounds = list(ObserverRound.objects.filter(plan=plan).order_by("number"))
    assert [r.number for r in rounds] == [0, 1, 2, 3]
    assert [r.checkin_id for r in rounds[1:]] == list(plan.checkins.order_by("due_at").values_list("id", flat=True))
    assert plan.commitments.first().observable == "Alex asks first" or plan.commitments.all()[0].observable


def test_observers_page_is_the_owners_only(client, plan):
    assert client.get(_page(plan)).status_code == 302  # anonymous: to login
    client.force_login(UserFactory())
    assert client.get(_page(plan)).status_code == 404
    client.force_login(plan.user)
    assert client.get(_page(plan)).status_code == 200


# --- The signed link ----------------------------------------------------------------------------------


def test_observer_link_opens_the_form_and_answers_once(client):
    plan = plan_with_observers()
    observer = observers_of(plan)[0]
    path = link_path(observer_url(observer=observer, round_=baseline(plan)))
    page = client.get(path)
    assert page.status_code == 200 and "Alex asks before advising" in page.content.decode()
    data = {f"rating_{c.pk}": "6" for c in plan.commitments.all()} | {f"comment_{plan.commitments.first().pk}": "ok"}
    assert client.post(path, data).status_code == 302
    assert ObserverResponse.objects.count() == 1
    again = client.post(path, {f"rating_{c.pk}": "1" for c in plan.commitments.all()})
    assert again.status_code == 200 and "your answers are in" in again.content.decode()
    assert ObserverResponse.objects.count() == 1
    assert set(ObserverRating.objects.values_list("value", flat=True)) == {6}


def test_observer_link_incomplete_answer_is_refused(client):
    plan = plan_with_observers()
    path = link_path(observer_url(observer=observers_of(plan)[0], round_=baseline(plan)))
    assert client.post(path, {f"rating_{plan.commitments.first().pk}": "9"}).status_code == 200
    assert not ObserverResponse.objects.exists()


def test_observer_link_tampered_is_refused(client):
    plan = plan_with_observers()
    path = link_path(observer_url(observer=observers_of(plan)[0], round_=baseline(plan)))
    assert client.get(path[:-3] + "abc/").status_code == 404
    assert client.get("/observe/nonsense/").status_code == 404


def test_observer_link_expired_is_refused(client):
    plan = plan_with_observers()
    observer, round_ = observers_of(plan)[0], baseline(plan)
    old = timezone.now() - datetime.timedelta(days=22)
    with mock.patch("django.core.signing.time.time", return_value=old.timestamp()):
        token = observer_token_dumps(observer_id=observer.pk, round_id=round_.pk)
    response = client.get(reverse("courses:observer_answer", kwargs={"token": token}))
    assert response.status_code == 410 and "expired" in response.content.decode()


def test_observer_link_for_another_round_or_plan_is_refused(client):
    plan, other = plan_with_observers(), plan_with_observers()
    observer = observers_of(plan)[0]
    # Signed by us, but the observer belongs to another plan than the round: refused.
    token = observer_token_dumps(observer_id=observer.pk, round_id=baseline(other).pk)
    assert client.get(reverse("courses:observer_answer", kwargs={"token": token})).status_code == 404
    # A round that has not started yet: refused.
    later = ObserverRound.objects.get(plan=plan, number=1)
    token = observer_token_dumps(observer_id=observer.pk, round_id=later.pk)
    assert client.get(reverse("courses:observer_answer", kwargs={"token": token})).status_code == 403
    # Another salt (a check-in link's signature) is not an observer link.
    token = signing.dumps({"o": observer.pk, "r": baseline(plan).pk}, salt=OBSERVER_TOKEN_SALT + "x")
    assert client.get(reverse("courses:observer_answer", kwargs={"token": token})).status_code == 404


def test_observer_answer_only_counts_for_its_own_round(client):
    plan = plan_with_observers()
    observer = observers_of(plan)[0]
    path = link_path(observer_url(observer=observer, round_=baseline(plan)))
    client.post(path, {f"rating_{c.pk}": "4" for c in plan.commitments.all()})
    assert list(ObserverResponse.objects.values_list("round__number", "observer_id")) == [(0, observer.pk)]


def test_removed_observer_link_is_refused(client):
    plan = plan_with_observers(4)
    observer = observers_of(plan)[3]
    path = link_path(observer_url(observer=observer, round_=baseline(plan)))
    Observer.objects.filter(pk=observer.pk).update(active=False)
    assert client.get(path).status_code == 404


# --- Thresholds --------------------------------------------------------------------------------------


def test_two_answers_show_nothing_three_show_the_average_and_comments():
    plan = plan_with_observers(4)
    observers = observers_of(plan)
    answer(plan, baseline(plan), observers[:2], value=3, comment="secret words")
    row = observer_results(plan=plan_for_owner_or_404(user=plan.user, pk=plan.pk))[0].rows[0]
    assert row.average is None and row.waiting and row.comments == [] and row.answers == 2
    answer(plan, baseline(plan), observers[2:3], value=6, comment="more")
    row = observer_results(plan=plan_for_owner_or_404(user=plan.user, pk=plan.pk))[0].rows[0]
    assert row.average == 4.0 and not row.waiting
    assert sorted(row.comments) == ["more", "secret words", "secret words"]


def test_participant_page_never_shows_a_partial_average_or_who_answered(client):
    plan = plan_with_observers(3)
    answer(plan, baseline(plan), observers_of(plan)[:2], value=2, comment="hidden comment")
    client.force_login(plan.user)
    html = client.get(_page(plan)).content.decode()
    assert "waiting for more answers" in html and "hidden comment" not in html
    answer(plan, baseline(plan), observers_of(plan)[2:], value=5, comment="visible")
    html = client.get(_page(plan)).content.decode()
    assert "3.0" in html and "hidden comment" in html and "visible" in html
    assert "observer1@example.com" in html  # the participant's own list of observers, in the form
    assert "observer1@example.com" not in html.split('id="results-title"')[1].split('id="observers-title"')[0]


def _page_queries(client, plan, django_assert_max_num_queries) -> int:
    client.force_login(plan.user)
    with django_assert_max_num_queries(20) as ctx:
        assert client.get(_page(plan)).status_code == 200
    return len(ctx.captured_queries)


def test_participant_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    """session + user; plan; commitments; observers; rounds; rating averages; comments; self-ratings;
    plus the layout's own: the same number at 3 observers with one round answered and at 8 with two."""
    small = plan_with_observers(3, commitments=1)
    answer(small, baseline(small), observers_of(small), value=4, comment="c")
    big = plan_with_observers(8, commitments=3)
    answer(big, baseline(big), observers_of(big), value=4, comment="c")
    ObserverRound.objects.filter(plan=big, number=1).update(opens_at=timezone.now())
    answer(big, ObserverRound.objects.get(plan=big, number=1), observers_of(big), value=6, comment="d")
    assert _page_queries(client, small, django_assert_max_num_queries) == _page_queries(
        client, big, django_assert_max_num_queries
    )


def test_a_check_in_added_later_gets_its_own_observer_round():
    plan = plan_with_observers(3, commitments=1)
    checkin = plan.checkins.order_by("due_at").first()
    checkin.due_at = timezone.now() - datetime.timedelta(hours=1)
    checkin.save(update_fields=["due_at"])
    later = timezone.localdate() + datetime.timedelta(days=70)
    checkin_answer(
        checkin=checkin,
        answers={c.pk: CommitmentAnswerInput(did_it="yes", naturalness=7) for c in plan.commitments.all()},
        new_checkin_date=later,
    )
    newest = plan.checkins.order_by("-due_at").first()
    assert ObserverRound.objects.filter(plan=plan, checkin=newest).exists()
