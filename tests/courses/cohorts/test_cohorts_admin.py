"""The cohorts admin: a release rule changed there is seen at once, as one saved by the trainer's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.cohorts import selectors as sel
from courses.cohorts.models import ModuleRelease
from courses.models import Enrollment
from tests.factories import CourseFactory, ModuleFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.django_db]


def test_admin_release_rule_save_and_delete_retire_the_cached_rules(client, staff_login):
    staff_login(client, StaffFactory())
    course = CourseFactory()
    module = ModuleFactory(course=course)
    user = UserFactory()
    Enrollment.objects.create(user=user, course=course)
    assert sel.module_release_state(user, course, [module])[module.pk].is_open  # caches "no rules"
    response = client.post(
        reverse("admin:courses_modulerelease_add"),
        {"module": module.pk, "mode": "days_after_enrollment", "release_date": "", "release_days": 14},
    )
    assert response.status_code == 302, response.content.decode()[:800]
    assert not sel.module_release_state(user, course, [module])[module.pk].is_open
    release = ModuleRelease.objects.get(module=module)
    response = client.post(reverse("admin:courses_modulerelease_delete", args=[release.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert sel.module_release_state(user, course, [module])[module.pk].is_open
