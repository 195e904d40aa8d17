"""Admin for participants' work. Quizzes, questions and rubric criteria are content: they are
administered in `courses.studio.admin`, through the studio's services."""

from django.contrib import admin

from courses.exercises.models import QuizAttempt, ReflectionResponse, Review, Submission


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "number", "score", "passed", "created_at"]
    readonly_fields = ["user", "exercise", "number", "score", "passed", "answers", "created_at"]


@admin.register(ReflectionResponse)
class ReflectionResponseAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "status", "updated_at"]
    list_filter = ["status"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "version", "status", "submitted_at"]
    list_filter = ["status"]
    readonly_fields = ["file", "file_name", "file_type", "file_size"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["submission", "reviewer", "decision", "reviewed_at"]
