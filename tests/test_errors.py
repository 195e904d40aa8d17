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
