def test_store_opens_and_round_trips_a_film(store):
    film = store.create_film("Tokyo Story", year=1953)
    assert [f.title for f in store.list_films()] == ["Tokyo Story"]
    assert store.get_film(film.id).year == 1953
