from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "karabakh"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_result():
    """The bundled example analysed once per test session (with its manifest)."""
    from storyledger.pipeline import analyze

    return analyze([str(EXAMPLE)])


@pytest.fixture(scope="session")
def example_doc(example_result):
    from storyledger.present import report

    return report.document(example_result.articles, example_result.skipped, example_result.analyses)


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, example_result) -> Path:
    """A store holding the example's articles, stories and analyses (written once per session; read-only use)."""
    from storyledger.present import story_dict
    from storyledger.store import Store

    path = tmp_path_factory.mktemp("example_db") / "example.db"
    with Store(str(path)) as store:
        store.add_articles(example_result.articles)
        store.put_stories(a.story for a in example_result.analyses)
        for analysis in example_result.analyses:
            store.put_analysis(analysis.story.id, story_dict(analysis))
    return path


def pytest_addoption(parser):
    parser.addoption("--update-docs", action="store_true", help="rewrite the CLI reference in README.md from --help")
