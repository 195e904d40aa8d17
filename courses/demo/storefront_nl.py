"""Demo storefront in Dutch for `manage.py seed_demo`: the listing of each Dutch master class
(`courses/demo/courses/nl/*.json`), the general questions and the demo quotes, written as a Dutch
training company writes its own copy.

Idempotent: a translation that has a listing keeps it (a trainer may have edited it since); a
question or quote that exists is not added again.
"""

from __future__ import annotations

from courses.demo.storefront import BEHAVIOR, COACHING, LISTINGS
from courses.learning.models import Course
from courses.storefront.models import CourseListing, FaqEntry, Testimonial
from courses.storefront.services import faq_entry_save, listing_save, testimonial_save

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
    """A Dutch listing for every Dutch translation of a demo master class that has none yet, and the
    Dutch questions and quotes."""
    dutch = Course.objects.filter(language="nl", translation_of__slug__in=list(LISTINGS_NL)).select_related(
        "translation_of"
    )
    for course in dutch:
        if CourseListing.objects.filter(course=course).exists():
            continue
        original_slug = course.translation_of.slug
        fields = LISTINGS_NL[original_slug] | {"position": LISTINGS[original_slug]["position"]}
        listing_save(listing=CourseListing(course=course, **fields))
    seed_storefront_texts_nl()


FAQ_NL = [
    (
        "Hoeveel tijd kost een masterclass?",
        "Reken op zes tot acht uur, verspreid over een paar weken. De lessen zijn kort, dus ze passen tussen"
        " twee afspraken door.",
    ),
    (
        "In eigen tempo of in een groep: wat past bij mij?",
        "In eigen tempo begin je wanneer je wilt, handig bij een onvoorspelbare agenda. Een groep geeft vaste"
        " data, livesessies met de trainer en andere managers om mee te oefenen. Salesprofessionals coachen"
        " kan allebei.",
    ),
    (
        "Krijg ik een certificaat?",
        "Ja. Rond je alle verplichte onderdelen af, dan krijg je een certificaat als pdf, met een openbare pagina"
        " waarop iedereen het kan controleren.",
    ),
    (
        "Kan ik plaatsen boeken voor mijn hele team?",
        "Ja. Organisaties kopen plaatsen, nodigen hun managers per e-mail uit en volgen de voortgang op een"
        " teamdashboard. Gebruik het aanvraagformulier op de pagina Voor organisaties.",
    ),
    (
        "Wat gebeurt er na de cursus?",
        "Je maakt een als-dan-plan met één tot drie concrete voornemens, met check-ins na 1, 3 en 8 weken, en"
        " je houdt een logboek bij van echte coachgesprekken.",
    ),
]

# (slug of the English original, quote, name, role); the quote belongs to that course's Dutch version.
QUOTES_NL = [
    (
        COACHING,
        "Vroeger loste ik elk probleem op dat mijn verkopers bij me neerlegden. Nu vraag ik door, en lossen zij"
        " het op. Mijn maandagoverleg duurt de helft korter.",
        "Sanne de Vries",
        "Salesmanager, kantoorartikelen (demo)",
    ),
    (
        COACHING,
        "De wondervraag voelde de eerste keer vreemd. De derde keer schreef mijn meest vastgelopen"
        " accountmanager zelf haar plan op het whiteboard.",
        "Daan Jansen",
        "Teamleider binnendienst (demo)",
    ),
    (
        BEHAVIOR,
        "Eindelijk een cursus die toegeeft dat gedrag veranderen moeilijk is, en je dan gereedschap geeft dat"
        " ook thuis werkt.",
        "Fatima El Amrani",
        "Regionaal salesdirecteur (demo)",
    ),
    (
        None,
        "Onze managers deden de groep samen. Alleen die gedeelde taal was het al waard: 'is dat jouw agenda of"
        " de mijne?'",
        "Pieter Bakker",
        "Hoofd sales, B2B-software (demo)",
    ),
]


def seed_storefront_texts_nl() -> None:
    """The Dutch general questions and demo quotes (a quote on a course goes to its Dutch version)."""
    dutch = {
        c.translation_of.slug: c
        for c in Course.objects.filter(language="nl", translation_of__slug__in=[COACHING, BEHAVIOR]).select_related(
            "translation_of"
        )
    }
    for position, (question, answer) in enumerate(FAQ_NL, start=1):
        if not FaqEntry.objects.filter(question=question, language="nl").exists():
            faq_entry_save(entry=FaqEntry(question=question, answer=answer, language="nl", position=position))
    for position, (slug, quote, name, role) in enumerate(QUOTES_NL, start=1):
        course = dutch.get(slug) if slug else None
        if (slug is None or course is not None) and not Testimonial.objects.filter(name=name, language="nl").exists():
            testimonial_save(
                testimonial=Testimonial(
                    course=course, quote=quote, name=name, role=role, language="nl", is_demo=True, position=position
                )
            )
