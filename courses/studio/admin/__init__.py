"""The admin for course content (courses, modules, lessons, quiz questions, rubric criteria).

It lives with the studio because it writes through the studio's services and so keeps the
studio's rules: a course is published only past the publish checks, and nothing participants
have worked on is deleted or loses the questions and criteria their work refers to.
"""

from courses.studio.admin import content, details

__all__ = ["content", "details"]
