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


def pytest_addoption(parser):
    parser.addoption("--update-docs", action="store_true", help="rewrite the CLI reference in README.md from --help")
