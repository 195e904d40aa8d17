"""Kind-specific data of quizzes and assignments: publish checks, exchange export and check,
participant-data checks and analytics. `courses.exercises.kinds` lists them per kind.

Exchange "details" (format mc-course, version 1; see courses.studio.exchange):

- quiz: ``{"pass_mark": int 1-100, "max_attempts": int >= 1 or null,
  "reveal_answers": "after_pass" | "always" | "never" (optional: older files lack it; absent, a new
  quiz gets "after_pass" and an updated quiz keeps its setting),
  "questions": [{"text": str, "multiple": bool,
  "options": [{"text": str, "correct": bool, "explanation": str}]}]}``
- assignment: ``{"rubric": [{"name": str, "description": str, "max_score": int >= 1}]}``
- conversation: ``{"scenario": str, "role_card": str, "max_minutes": int 1-60, "peer_comments": bool,
  "rubric": [...as for an assignment]}``

An empty ``{}`` is still accepted for both (files exported before these kinds were registered);
such an exercise imports without questions or rubric and publishing then lists it.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from courses.exercises.models import Conversation, Option, Question, Quiz, QuizAttempt, RubricCriterion, Submission
from courses.learning.models import Course, Exercise

MAX_QUESTIONS = 100
MAX_OPTIONS = 10
MAX_CRITERIA = 50
# Analytics read at most this many of the newest attempts per course (one bounded query).
ATTEMPTS_SAMPLE = 5000


# --- shared checking helpers ---------------------------------------------------------------------


def _keys(obj, spec: dict, where: str, problems: list[str]) -> bool:
    if not isinstance(obj, dict):
        problems.append(_("%(where)s must be an object.") % {"where": where})
        return False
    unknown, missing = sorted(set(obj) - set(spec)), sorted(set(spec) - set(obj))
    if unknown:
        problems.append(_("%(where)s: unknown keys %(keys)s.") % {"where": where, "keys": ", ".join(unknown)})
    if missing:
        problems.append(_("%(where)s: missing keys %(keys)s.") % {"where": where, "keys": ", ".join(missing)})
    ok = not unknown and not missing
    for key, types in spec.items():
        if key not in obj:
            continue
        value = obj[key]
        types = types if isinstance(types, tuple) else (types,)
        if not isinstance(value, types) or (int in types and bool not in types and isinstance(value, bool)):
            names = get_text_list(["null" if t is type(None) else t.__name__ for t in types], _("or"))
            problems.append(
                _("%(where)s.%(key)s must be of type %(type)s.") % {"where": where, "key": key, "type": names}
            )
            ok = False
    return ok


def _text(value: str, where: str, problems: list[str], *, max_length: int, required: bool = True) -> None:
    if required and not value.strip():
        problems.append(_("%(where)s must not be empty.") % {"where": where})
    if len(value) > max_length:
        problems.append(_("%(where)s is longer than %(max)s characters.") % {"where": where, "max": max_length})


# --- quiz ----------------------------------------------------------------------------------------


def quiz_validate(exercise: Exercise) -> list[str]:
    """Publish check: at least one question; each has a correct answer (single choice: exactly one)."""
    questions = list(
        Question.objects.filter(quiz__exercise=exercise)
        .annotate(n_options=Count("options"), n_correct=Count("options", filter=Q(options__is_correct=True)))
        .order_by("position", "id")
    )
    if not questions:
        return [_("Quiz “%(title)s” has no questions.") % {"title": exercise.title}]
    problems = []
    for n, q in enumerate(questions, start=1):
        args = {"title": exercise.title, "n": n}
        if q.n_options < 2:
            problems.append(_("Quiz “%(title)s”: question %(n)s needs at least two answer options.") % args)
        if q.n_correct == 0:
            problems.append(_("Quiz “%(title)s”: question %(n)s has no correct answer.") % args)
        elif not q.multiple and q.n_correct > 1:
            problems.append(
                _("Quiz “%(title)s”: question %(n)s is single-choice but has %(k)s correct answers.")
                % (args | {"k": q.n_correct})
            )
    return problems


def quiz_export(exercise: Exercise) -> dict:
    quiz = Quiz.objects.filter(exercise=exercise).first()
    if quiz is None:
        return {}
    return {
        "pass_mark": quiz.pass_mark,
        "max_attempts": quiz.max_attempts,
        "reveal_answers": quiz.reveal_answers,
        "questions": [
            {
                "text": q.text,
                "multiple": q.multiple,
                "options": [
                    {"text": o.text, "correct": o.is_correct, "explanation": o.explanation} for o in q.options.all()
                ],
            }
            for q in quiz.questions.prefetch_related("options")
        ],
    }


def quiz_check(details) -> list[str]:
    problems: list[str] = []
    if details == {}:
        return problems
    spec = {"pass_mark": int, "max_attempts": (int, type(None)), "questions": list}
    if isinstance(details, dict) and "reveal_answers" in details:  # optional: files before it was added lack it
        spec["reveal_answers"] = str
    if not _keys(details, spec, "quiz", problems):
        return problems
    if details.get("reveal_answers", Quiz.RevealAnswers.AFTER_PASS) not in Quiz.RevealAnswers.values:
        problems.append(
            _("quiz.reveal_answers must be one of %(values)s.") % {"values": ", ".join(Quiz.RevealAnswers.values)}
        )
    if not 1 <= details["pass_mark"] <= 100:
        problems.append(_("quiz.pass_mark must be between 1 and 100."))
    if details["max_attempts"] is not None and not 1 <= details["max_attempts"] <= 32767:
        problems.append(_("quiz.max_attempts must be empty or at least 1."))
    if len(details["questions"]) > MAX_QUESTIONS:
        problems.append(_("A quiz has at most %(max)s questions.") % {"max": MAX_QUESTIONS})
        return problems
    for i, q in enumerate(details["questions"]):
        qw = f"questions[{i}]"
        if not _keys(q, {"text": str, "multiple": bool, "options": list}, qw, problems):
            continue
        _text(q["text"], f"{qw}.text", problems, max_length=2000)
        if len(q["options"]) > MAX_OPTIONS:
            problems.append(_("%(where)s has more than %(max)s options.") % {"where": qw, "max": MAX_OPTIONS})
            continue
        for j, o in enumerate(q["options"]):
            ow = f"{qw}.options[{j}]"
            if _keys(o, {"text": str, "correct": bool, "explanation": str}, ow, problems):
                _text(o["text"], f"{ow}.text", problems, max_length=1000)
                _text(o["explanation"], f"{ow}.explanation", problems, max_length=2000, required=False)
    return problems


def quiz_has_participant_data(exercise: Exercise) -> bool:
    return QuizAttempt.objects.filter(exercise=exercise).exists()


def quiz_analytics(course: Course) -> list[dict]:
    """Questions ranked by percent correct, hardest first (three queries at any size).

    Attempts store {"question id": [option ids]}; correctness is worked out here against the
    current correct options, over the newest ATTEMPTS_SAMPLE attempts (values_list only).
    """
    table = {
        "key": "quiz",
        "title": _("Quiz questions by percent correct"),
        "columns": [_("Question"), _("Quiz"), _("Answers"), _("% correct")],
        "chart_column": 3,
        "chart_max": 100,
    }
    # Query 1: the course's questions with their quiz title.
    questions = list(
        Question.objects.filter(quiz__exercise__course=course)
        .order_by("quiz__exercise__position", "position", "id")
        .values_list("id", "text", "quiz__exercise__title")
    )
    # Query 2: the correct option ids per question.
    correct: dict[int, set[int]] = {qid: set() for qid, _t, _q in questions}
    for qid, oid in Option.objects.filter(question__quiz__exercise__course=course, is_correct=True).values_list(
        "question_id", "id"
    ):
        correct.setdefault(qid, set()).add(oid)
    # Query 3: answers of the newest attempts (bounded).
    answered = dict.fromkeys(correct, 0)
    right = dict.fromkeys(correct, 0)
    attempts = list(
        QuizAttempt.objects.filter(exercise__course=course)
        .order_by("-created_at", "-id")
        .values_list("answers", flat=True)[:ATTEMPTS_SAMPLE]
    )
    for answers in attempts:
        for key, chosen in (answers or {}).items():
            try:
                qid = int(key)
                chosen_ids = {int(o) for o in chosen}
            except (TypeError, ValueError):
                continue
            if qid in answered:
                answered[qid] += 1
                right[qid] += chosen_ids == correct[qid]
    rows = []
    for qid, text, quiz_title in questions:
        n = answered[qid]
        rows.append([text, quiz_title, n, round(100 * right[qid] / n, 1) if n else 0])
    rows.sort(key=lambda r: (r[2] == 0, r[3]))  # hardest answered questions first; unanswered last
    table["rows"] = rows
    if not questions:
        table["note"] = _("This course has no quiz questions yet.")
    elif len(attempts) == ATTEMPTS_SAMPLE:
        table["note"] = _("Based on the newest %(n)s quiz attempts.") % {"n": ATTEMPTS_SAMPLE}
    return [table]


# --- assignment ----------------------------------------------------------------------------------


def assignment_validate(exercise: Exercise) -> list[str]:
    if not RubricCriterion.objects.filter(exercise=exercise).exists():
        return [_("Assignment “%(title)s” has no rubric: add at least one criterion.") % {"title": exercise.title}]
    return []


def assignment_export(exercise: Exercise) -> dict:
    return {
        "rubric": [
            {"name": c.name, "description": c.description, "max_score": c.max_score}
            for c in RubricCriterion.objects.filter(exercise=exercise).order_by("position", "id")
        ]
    }


def assignment_check(details) -> list[str]:
    problems: list[str] = []
    if details == {}:
        return problems
    if not _keys(details, {"rubric": list}, "assignment", problems):
        return problems
    if len(details["rubric"]) > MAX_CRITERIA:
        problems.append(_("A rubric has at most %(max)s criteria.") % {"max": MAX_CRITERIA})
        return problems
    for i, c in enumerate(details["rubric"]):
        cw = f"rubric[{i}]"
        if not _keys(c, {"name": str, "description": str, "max_score": int}, cw, problems):
            continue
        _text(c["name"], f"{cw}.name", problems, max_length=200)
        _text(c["description"], f"{cw}.description", problems, max_length=2000, required=False)
        if not 1 <= c["max_score"] <= 100:
            problems.append(_("%(where)s.max_score must be between 1 and 100.") % {"where": cw})
    return problems


def assignment_has_participant_data(exercise: Exercise) -> bool:
    return Submission.objects.filter(exercise=exercise).exists()


# --- practice conversation --------------------------------------------------------------------


def conversation_validate(exercise: Exercise) -> list[str]:
    problems = []
    setup = Conversation.objects.filter(exercise=exercise).first()
    if setup is None or not setup.scenario.strip() or not setup.role_card.strip():
        problems.append(
            _("Practice conversation “%(title)s” needs a scenario and a role card.") % {"title": exercise.title}
        )
    if not RubricCriterion.objects.filter(exercise=exercise).exists():
        problems.append(
            _("Practice conversation “%(title)s” has no rubric: add at least one criterion.")
            % {"title": exercise.title}
        )
    return problems


def conversation_export(exercise: Exercise) -> dict:
    setup = Conversation.objects.filter(exercise=exercise).first()
    if setup is None:
        return {}
    return {
        "scenario": setup.scenario,
        "role_card": setup.role_card,
        "max_minutes": setup.max_minutes,
        "peer_comments": setup.peer_comments,
        **assignment_export(exercise),
    }


def conversation_check(details) -> list[str]:
    problems: list[str] = []
    if details == {}:
        return problems
    spec = {"scenario": str, "role_card": str, "max_minutes": int, "peer_comments": bool, "rubric": list}
    if not _keys(details, spec, "conversation", problems):
        return problems
    _text(details["scenario"], "conversation.scenario", problems, max_length=10_000)
    _text(details["role_card"], "conversation.role_card", problems, max_length=10_000)
    if not 1 <= details["max_minutes"] <= 60:
        problems.append(_("%(where)s must be between 1 and 60.") % {"where": "conversation.max_minutes"})
    problems.extend(assignment_check({"rubric": details["rubric"]}))
    return problems
