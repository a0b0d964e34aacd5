def test_it_answers_health_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_shows_sanmao_only_their_street(as_user, sanmao):
    response = as_user(sanmao).get("/org/units/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "321182001000" in content
    assert "YZ-XINBA" not in content
