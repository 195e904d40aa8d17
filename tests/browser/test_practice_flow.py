"""A participant records a practice conversation in Chromium (fake microphone), plays it back,
adds a self-review note with the C key and sends it; the trainer comments at a moment with the key,
a peer with the button; the participant sees the markers and "Jump to" seeks the player there."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from courses.practice.models import Recording, TimedComment
from tests.courses.practice.conftest import world
from tests.factories import PASSWORD

FAKE_MEDIA = (
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.chromium_args(*FAKE_MEDIA)]


def _login(page: Page, email: str) -> None:
    page.context.clear_cookies()
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()
    expect(page.locator("input[name=password]")).to_have_count(0)


def _play_for(page: Page, seconds: float) -> None:
    page.evaluate("document.getElementById('practice-media').play()")
    page.wait_for_timeout(int(seconds * 1000))
    page.locator("h1").click()  # focus leaves any field, so the C key is a shortcut


@pytest.fixture
def w():
    return world(peer_comments=True)  # before Playwright starts its event loop


def test_record_self_review_send_trainer_comments_participant_jumps(w, browser_page: Page):
    page = browser_page
    _login(page, w.participant.email)
    page.goto(reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug]))
    page.get_by_test_id("record-start").click()
    expect(page.get_by_test_id("record-stop")).to_be_visible(timeout=10_000)  # after the 3-2-1 countdown
    page.wait_for_timeout(2500)
    expect(page.get_by_test_id("recorder-timer")).to_contain_text("0:0")
    page.get_by_test_id("record-stop").click()
    expect(page.get_by_test_id("take-preview")).to_be_visible()
    page.get_by_test_id("record-upload").click()
    page.wait_for_url(re.compile(r"/practice/recordings/\d+/$"))
    expect(page.get_by_test_id("take-status")).to_have_text("Not sent yet")

    _play_for(page, 1.2)
    page.keyboard.press("c")
    expect(page.locator("#comment-text")).to_be_focused()
    expect(page.locator("#comment-at")).to_have_value(re.compile(r"^0:0[0-9]$"))
    page.fill("#comment-text", "Here I asked the miracle question.")
    page.get_by_test_id("comment-save").click()
    expect(page.get_by_test_id("comment")).to_have_count(1)
    page.fill("#send-text", "Was my question open enough?")
    page.get_by_test_id("send-take").click()
    expect(page.get_by_test_id("take-status")).to_have_text("Waiting for review")
    recording = Recording.objects.get(user=w.participant)
    assert recording.content_type.endswith("/webm") and recording.submission_id is not None

    _login(page, w.trainer.email)
    page.goto(recording.get_absolute_url())
    _play_for(page, 1.6)
    page.keyboard.press("c")
    page.fill("#comment-text", "Nice pause here.")
    page.select_option("#comment-tone", "praise")
    page.get_by_test_id("comment-save").click()
    expect(page.get_by_test_id("comment")).to_have_count(2)
    expect(page.get_by_test_id("finish-review")).to_be_visible()
    trainer_comment = TimedComment.objects.get(author=w.trainer)
    assert trainer_comment.at_ms >= 1000

    _login(page, w.peer.email)  # same cohort, and the exercise lets peers comment
    page.goto(recording.get_absolute_url())
    page.get_by_test_id("comment-now").click()
    page.fill("#comment-at", "0:01")
    page.fill("#comment-text", "You let the silence work.")
    page.get_by_test_id("comment-save").click()
    expect(page.get_by_test_id("comment")).to_have_count(3)
    assert TimedComment.objects.filter(author=w.peer, at_ms=1000).exists()

    _login(page, w.participant.email)
    page.goto(recording.get_absolute_url())
    expect(page.get_by_test_id(f"marker-{trainer_comment.pk}")).to_have_count(1)
    page.locator(f"#comment-{trainer_comment.pk} a.jump").click()
    position = page.evaluate("document.getElementById('practice-media').currentTime")
    assert abs(position - trainer_comment.at_ms / 1000) < 0.6
