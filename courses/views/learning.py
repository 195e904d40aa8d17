from django.shortcuts import render

from courses.selectors import catalog_courses


def catalog(request):
    """Published courses, each with its summary, length and number of modules."""
    return render(request, "courses/course_list.html", {"courses": catalog_courses()})
