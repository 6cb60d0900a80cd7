"""The gazetteer resolves place names the way English-language international news means them."""

from __future__ import annotations

import pytest

from loaders.kb.gazetteer import Gazetteer, Place, normalize_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


# (name as written, kind, slug, ISO country)
OBVIOUS_CASES = [
    ("Washington", "city", "city-us-washington", "US"),
    ("Washington, D.C.", "city", "city-us-washington", "US"),
    ("Vienna", "city", "city-at-vienna", "AT"),
    ("Paris", "city", "city-fr-paris", "FR"),
    ("Beijing", "city", "city-cn-beijing", "CN"),
    ("Peking", "city", "city-cn-beijing", "CN"),
    ("Moscow", "city", "city-ru-moscow", "RU"),
    ("San Francisco", "city", "city-us-san-francisco", "US"),
    ("Singapore", "city", "city-sg-singapore", "SG"),
    ("Malta", "country", "country-mt", "MT"),
    ("Bali", "region", "region-id-bali", "ID"),
    ("Hong Kong", "city", "city-hk-hong-kong", "HK"),
    ("Taipei", "city", "city-tw-taipei", "TW"),
    ("Kyiv", "city", "city-ua-kyiv", "UA"),
    ("Kiev", "city", "city-ua-kyiv", "UA"),
    ("New Delhi", "city", "city-in-new-delhi", "IN"),
    ("Tokyo", "city", "city-jp-tokyo", "JP"),
    ("Seoul", "city", "city-kr-seoul", "KR"),
    ("Manila", "city", "city-ph-manila", "PH"),
    ("Jakarta", "city", "city-id-jakarta", "ID"),
    ("Bangkok", "city", "city-th-bangkok", "TH"),
    ("Geneva", "city", "city-ch-geneva", "CH"),
    ("Davos", "city", "city-ch-davos", "CH"),
    ("Woodside", "city", "city-us-woodside", "US"),
    ("Anchorage", "city", "city-us-anchorage", "US"),
    ("Hiroshima", "city", "city-jp-hiroshima", "JP"),
    ("Tianjin", "city", "city-cn-tianjin", "CN"),
    ("Sochi", "city", "city-ru-sochi", "RU"),
    ("Brussels", "city", "city-be-brussels", "BE"),
    ("Munich", "city", "city-de-munich", "DE"),
    ("New York", "city", "city-us-new-york-city", "US"),
    ("Odessa", "city", "city-ua-odesa", "UA"),
    ("Saigon", "city", "city-vn-ho-chi-minh-city", "VN"),
    ("Georgia", "country", "country-ge", "GE"),
    ("U.S.", "country", "country-us", "US"),
    ("Britain", "country", "country-gb", "GB"),
    ("Taiwan", "country", "country-tw", "TW"),
    ("Hainan", "region", "region-cn-hainan", "CN"),
    ("Alaska", "region", "region-us-alaska", "US"),
    ("Southeast Asia", "region", "region-southeast-asia", None),
    ("South China Sea", "region", "region-south-china-sea", None),
    ("Taiwan Strait", "region", "region-taiwan-strait", None),
    ("Korean Peninsula", "region", "region-korean-peninsula", None),
    ("Indo-Pacific", "region", "region-indo-pacific", None),
    ("Diaoyutai State Guesthouse", "building", "building-cn-diaoyutai-state-guesthouse", "CN"),
    ("Diaoyutai State Guest House", "building", "building-cn-diaoyutai-state-guesthouse", "CN"),
    ("Great Hall of the People", "building", "building-cn-great-hall-of-the-people", "CN"),
    ("White House", "building", "building-us-white-house", "US"),
    ("the White House", "building", "building-us-white-house", "US"),
    ("Pentagon", "building", "building-us-pentagon", "US"),
    ("Camp David", "building", "building-us-camp-david", "US"),
    ("Kremlin", "building", "building-ru-kremlin", "RU"),
    ("Filoli estate", "building", "building-us-filoli", "US"),
    ("Palais des Nations", "building", "building-ch-palais-des-nations", "CH"),
    ("Mar-a-Lago", "building", "building-us-mar-a-lago", "US"),
]


@pytest.mark.parametrize(("name", "kind", "slug", "country"), OBVIOUS_CASES, ids=[c[0] for c in OBVIOUS_CASES])
def test_obvious_cases_resolve_as_the_news_means_them(
    gazetteer: Gazetteer, name: str, kind: str, slug: str, country: str | None
) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.kind, place.slug, place.country) == (kind, slug, country)


@pytest.mark.parametrize(
    "name",
    ["Zürich", "Zurich", "ZURICH", "zürich", "  Zürich  "],
    ids=["accent", "no-accent", "upper", "lower", "spaces"],
)
def test_lookup_ignores_case_accents_and_spacing(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.slug, place.name, place.country) == ("city-ch-zurich", "Zürich", "CH")


@pytest.mark.parametrize(
    "name", ["Élysée Palace", "Elysee Palace", "the elysee palace"], ids=["accents", "ascii", "the"]
)
def test_building_names_ignore_accents_and_a_leading_the(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert place.slug == "building-fr-elysee-palace"


@pytest.mark.parametrize(
    "name",
    ["Narnia", "Xyzzyville", "Air Force One", "Marine One", "Xi Jinping", "Foreign Ministry", "", "   ", "UN", "EU"],
    ids=["fiction", "gibberish", "aircraft", "helicopter", "person", "organisation", "empty", "blank", "un", "eu"],
)
def test_unknown_names_give_none(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) is None


def test_building_has_city_then_country_as_ancestors(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Diaoyutai State Guesthouse")
    assert place is not None
    assert (place.city, place.country) == ("Beijing", "CN")
    assert [p.slug for p in gazetteer.ancestors(place)] == ["city-cn-beijing", "country-cn"]
    assert place.parent == gazetteer.lookup("Beijing")
    assert gazetteer.ancestors(place)[-1] == gazetteer.lookup_country("CN")


def test_pentagon_lies_in_arlington_virginia(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("the Pentagon")
    assert place is not None
    assert place.parent is not None
    assert place.parent.name == "Arlington"
    assert place.parent.latitude == pytest.approx(38.88, abs=0.05)  # Virginia's, not Texas's


def test_regions_have_no_parent_unless_sub_national(gazetteer: Gazetteer) -> None:
    southeast_asia, bali = gazetteer.lookup("Southeast Asia"), gazetteer.lookup("Bali")
    assert southeast_asia is not None
    assert bali is not None
    assert southeast_asia.parent is None
    assert gazetteer.ancestors(southeast_asia) == ()
    assert bali.parent == gazetteer.lookup_country("ID")
    assert bali.latitude == pytest.approx(-8.4, abs=0.3)
    assert bali.longitude == pytest.approx(115.2, abs=0.3)


def test_cities_carry_geonames_data(gazetteer: Gazetteer) -> None:
    vienna = gazetteer.lookup("Vienna")
    assert vienna is not None
    assert vienna.geonames_id == 2761369
    assert vienna.city == "Vienna"
    assert vienna.latitude == pytest.approx(48.21, abs=0.01)
    assert vienna.longitude == pytest.approx(16.37, abs=0.01)
    assert vienna.parent is not None
    assert vienna.parent.slug == "country-at"


def test_countries_sit_at_their_capital(gazetteer: Gazetteer) -> None:
    malta = gazetteer.lookup_country("Malta")
    valletta = gazetteer.lookup("Valletta")
    assert malta is not None
    assert valletta is not None
    assert (malta.latitude, malta.longitude) == (valletta.latitude, valletta.longitude)
    assert malta.geonames_id is not None
    assert malta.parent is None


@pytest.mark.parametrize("query", ["MT", "mt", "Malta", "malta"], ids=["code", "lower-code", "name", "lower-name"])
def test_lookup_country_by_code_or_name(gazetteer: Gazetteer, query: str) -> None:
    place = gazetteer.lookup_country(query)
    assert place is not None
    assert place.slug == "country-mt"


def test_lookup_country_finds_countries_only(gazetteer: Gazetteer) -> None:
    singapore = gazetteer.lookup_country("Singapore")
    assert singapore is not None
    assert singapore.kind == "country"
    assert gazetteer.lookup_country("Vienna") is None
    assert gazetteer.lookup_country("ZZ") is None


def test_namesakes_in_one_country_get_distinct_stable_slugs(gazetteer: Gazetteer) -> None:
    # Woodside, California (the Filoli summit) is the one a bare "Woodside" means; Queens' gets a suffix.
    assert gazetteer.get("city-us-woodside") == gazetteer.lookup("Woodside")
    queens = gazetteer.get("city-us-woodside-ny")
    assert queens is not None
    assert queens.name == "Woodside"
    assert queens.geonames_id == 5145067


def test_slugs_are_unique_and_found_again(gazetteer: Gazetteer) -> None:
    for name in ("Vienna", "Bali", "Malta", "White House", "Southeast Asia"):
        place = gazetteer.lookup(name)
        assert place is not None
        assert gazetteer.get(place.slug) is place


def test_load_is_cached(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load() is gazetteer
    assert len(gazetteer) > 30_000


def test_places_are_immutable_values(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Paris")
    assert isinstance(place, Place)
    with pytest.raises(AttributeError):
        place.name = "Lutetia"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "key"),
    [("The Hague", "hague"), ("Washington, D.C.", "washington dc"), ("Xi’an", "xian"), ("São Tomé", "sao tome")],
    ids=["the", "punctuation", "curly-apostrophe", "accents"],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


@pytest.mark.parametrize(
    ("name", "countries", "country"),
    [
        pytest.param("Windsor", set(), "CA", id="the-most-populous-without-context"),
        pytest.param("Windsor", {"GB"}, "GB", id="the-namesake-in-a-country-the-story-names"),
        pytest.param("Windsor", {"CA", "GB"}, "CA", id="the-most-populous-when-its-country-is-named-too"),
        pytest.param("Vienna", {"US"}, "AT", id="a-capital-keeps-its-meaning"),
        pytest.param("Birmingham", {"US"}, "GB", id="a-world-city-keeps-its-meaning"),
    ],
)
def test_a_city_name_several_countries_share_means_the_one_in_the_story(
    gazetteer: Gazetteer, name: str, countries: set[str], country: str
) -> None:
    place = gazetteer.lookup(name, countries=countries)
    assert place is not None
    assert (place.kind, place.country) == ("city", country)
