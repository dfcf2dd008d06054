"""The sample knowledge base is worth opening: every pillar in every region of the South
documented, every theme, originals in the languages of the sources, each record with its
public sources."""

from conftest import REPO

from generator.build.generate import load_view
from generator.site.stats import stats


def sample_view():
    view, problems = load_view(REPO)
    assert problems == []
    return view


def test_every_cell_and_theme_is_documented():
    found = stats(sample_view())
    assert found.practices >= 48 and found.centres >= 12
    assert found.thin_cells == [] and found.empty_themes == []
    assert all(found.languages[language] >= 4 for language in ("fr", "es", "ar"))
    assert found.languages["ru"] >= 1 and found.languages["zh"] >= 1


def test_sources_are_https_unique_and_at_least_two_per_practice():
    view = sample_view()
    records = [*view.practices, *view.centres.values()]
    for record in records:
        urls = [source.url for source in record.sources]
        assert all(url.startswith("https://") for url in urls), record.id
        assert len(set(urls)) == len(urls), record.id
    assert all(len(p.sources) >= 2 for p in view.practices), \
        [p.id for p in view.practices if len(p.sources) < 2]
