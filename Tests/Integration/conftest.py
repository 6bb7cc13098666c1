"""Shared fixtures for the integration tests: where the built binaries and the sample config are."""

import os
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


def binary(name: str) -> pathlib.Path:
    """The debug binary that `make test` built, or the one named by $PARTNERD_BIN_DIR."""
    directory = os.environ.get("PARTNERD_BIN_DIR")
    path = pathlib.Path(directory) / name if directory else REPO / ".build" / "debug" / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `swift build` first (make test does)")
    return path


@pytest.fixture(scope="session")
def partnerd() -> pathlib.Path:
    return binary("partnerd")


@pytest.fixture(scope="session")
def partnerctl() -> pathlib.Path:
    return binary("partnerctl")


@pytest.fixture(scope="session")
def sample_config() -> pathlib.Path:
    return REPO / "Config" / "partnerd.toml"


from journald import journal, journald_service  # noqa: E402,F401  (fixtures shared by every test module)
