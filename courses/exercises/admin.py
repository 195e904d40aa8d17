from django.contrib import admin

from courses.exercises.models import (
    Option,
    Question,
    Quiz,
    QuizAttempt,
    ReflectionResponse,
    Review,
    RubricCriterion,
    Submission,
)


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["exercise", "pass_mark", "max_attempts"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "quiz", "multiple", "position"]
    inlines = [OptionInline]


@admin.register(RubricCriterion)
class RubricCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "exercise", "max_score", "position"]


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
