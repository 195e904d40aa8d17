"""The certificate renderer reuses one WeasyPrint font configuration per thread (a fresh one per
document made a worker grow by about 1 MB per certificate)."""

from __future__ import annotations

import threading

from courses.certificates import pdf


def test_font_config_is_reused_within_a_thread_and_separate_across_threads():
    first, second = pdf._font_config(), pdf._font_config()
    assert first is second  # fails when each certificate builds its own
    other = []
    thread = threading.Thread(target=lambda: other.append(pdf._font_config()))
    thread.start()
    thread.join()
    assert other[0] is not first
