import pytest


@pytest.mark.django_db
def test_unknown_url_gets_the_site_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'class="site-header"' in html


def test_500_page_renders_without_a_database(rf):
    from lms.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_layout_is_translated_to_dutch(client, settings):
    from pathlib import Path

    if not (Path(settings.BASE_DIR) / "locale/nl/LC_MESSAGES/django.mo").exists():
        pytest.skip("Dutch messages not compiled: needs gettext's msgfmt (make messages)")
    response = client.get("/no-such-page-here/", headers={"accept-language": "nl"})
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "Naar de hoofdinhoud" in html
    assert "We konden die pagina niet vinden" in html
