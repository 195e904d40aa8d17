"""Demo storefront in Dutch for `manage.py seed_demo`: the listing of each Dutch master class
(`courses/demo/courses/nl/*.json`), written as a Dutch training company writes its own copy.

Idempotent: a translation that has a listing keeps it (a trainer may have edited it since).
"""

from __future__ import annotations

from courses.demo.storefront import BEHAVIOR, COACHING, LISTINGS
from courses.learning.models import Course
from courses.storefront.models import CourseListing
from courses.storefront.services import listing_save

# Keyed by the slug of the English original; the position follows the original's listing.
LISTINGS_NL = {
    COACHING: {
        "tagline": "Stop met zenden, begin met coachen: je accountmanagers vinden hun eigen antwoorden.",
        "audience": "Salesmanagers en teamleiders met een eigen team\n"
        "Accountdirecteuren die keyaccountmanagers coachen\n"
        "Nieuwe managers die de beste verkoper waren en nu verkopers leiden",
        "team_changes": "Je één-op-ééngesprekken worden geen adviesuren meer, maar gesprekken"
        " waarin je medewerker zelf nadenkt\n"
        "Je mensen voeren plannen uit die ze zelf hebben bedacht, dus jij hoeft niet meer achter ze aan\n"
        "Loopt iemand vast, dan stel je de wondervraag en krijg je een concrete volgende stap\n"
        "Coachen wordt een wekelijkse gewoonte, en je week voelt minder als zwoegen",
    },
    BEHAVIOR: {
        "tagline": "Iets willen en het ook doen: dat zijn twee verschillende dingen.",
        "audience": "Managers die mensen coachen bij het veranderen van gewoontes\n"
        "Iedereen die zich iets heeft voorgenomen en merkte hoe lastig dat is\n"
        "Deelnemers aan Salesprofessionals coachen die de volgende stap willen zetten",
        "team_changes": "Je weet waarom goede voornemens mislukken, en je houdt daar vooraf rekening mee\n"
        "Nieuwe gewoontes in je team houden langer stand dan de eerste twee weken\n"
        "Je verwacht verandering in een realistisch tempo, en raakt minder snel teleurgesteld",
    },
}


def seed_storefront_translations() -> None:
    """A Dutch listing for every Dutch translation of a demo master class that has none yet."""
    dutch = Course.objects.filter(language="nl", translation_of__slug__in=list(LISTINGS_NL)).select_related(
        "translation_of"
    )
    for course in dutch:
        if CourseListing.objects.filter(course=course).exists():
            continue
        original_slug = course.translation_of.slug
        fields = LISTINGS_NL[original_slug] | {"position": LISTINGS[original_slug]["position"]}
        listing_save(listing=CourseListing(course=course, **fields))
