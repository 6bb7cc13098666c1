"""The systemd unit and the journal catalog, checked by the tools that consume them."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
UNIT = REPO / "systemd" / "partnerd.service"
CATALOG = REPO / "systemd" / "partnerd.catalog"
MESSAGE_IDS = REPO / "Sources" / "PartnerdService" / "Journal" / "MessageID.swift"
INSTALLED_BINARY = "/usr/local/bin/partnerd"
MAX_EXPOSURE = 1.5


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed")
    return path


def unit_directives(text: str) -> dict[str, list[str]]:
    """Every `Key=value` of a unit file, in order per key (systemd allows repeating most keys)."""
    directives: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;[" or "=" not in line:
            continue
        key, value = line.split("=", 1)
        directives.setdefault(key.strip(), []).append(value.strip())
    return directives


def message_ids() -> dict[str, str]:
    """The MessageID enum's cases, name -> id, read from the Swift source."""
    source = MESSAGE_IDS.read_text()
    ids = dict(re.findall(r'case (\w+) = "([0-9a-f]{32})"', source))
    cases = re.findall(r"^\s*case ", source, flags=re.MULTILINE)
    assert len(ids) == len(cases), "every MessageID case must be a 32-digit lowercase hex literal"
    return ids


@pytest.fixture
def verifiable_unit(tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of the unit whose ExecStart names an executable that exists here (verify checks that)."""
    executable = tmp_path / "bin" / "partnerd"
    executable.parent.mkdir()
    executable.write_text("#!/bin/sh\nexit 0\n")
    executable.chmod(0o755)
    text = UNIT.read_text()
    assert INSTALLED_BINARY in text
    copy = tmp_path / "partnerd.service"
    copy.write_text(text.replace(INSTALLED_BINARY, str(executable)))
    return copy


def test_unit_names_the_installed_binary() -> None:
    """`make install` rewrites this path to $(PREFIX)/bin/partnerd; it must be there to be rewritten."""
    exec_start = unit_directives(UNIT.read_text())["ExecStart"]
    assert len(exec_start) == 1
    assert exec_start[0].split()[0] == INSTALLED_BINARY


def test_unit_has_the_required_settings() -> None:
    directives = unit_directives(UNIT.read_text())
    expected = {
        "Type": "notify",
        "ExecReload": "/bin/kill -HUP $MAINPID",
        "Restart": "on-failure",
        "RestartPreventExitStatus": "1",
        "DynamicUser": "yes",
        "Group": "partnerd-operators",
        "StateDirectory": "partnerd",
        "RuntimeDirectory": "partnerd",
        "ConfigurationDirectory": "partnerd",
        "UMask": "0077",
        "CapabilityBoundingSet": "",
        "MemoryDenyWriteExecute": "yes",
        "RestrictNamespaces": "yes",
        "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6",
        "PrivateDevices": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
    }
    for key, value in expected.items():
        assert directives.get(key) == [value], key
    assert "WatchdogSec" in directives
    assert directives["SystemCallFilter"][0] == "@system-service"
    assert "setpriority" in " ".join(directives["SystemCallFilter"][1:])


def test_systemd_analyze_verify_prints_nothing(verifiable_unit: pathlib.Path) -> None:
    # --man=no: partnerd(8) and partnerctl(1) are installed by `make install`, not on this machine.
    # --generators=no: generators need a running systemd, which a container does not have.
    result = subprocess.run(
        [require("systemd-analyze"), "verify", "--man=no", "--generators=no", str(verifiable_unit)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_systemd_analyze_verify_notices_a_broken_unit(verifiable_unit: pathlib.Path) -> None:
    """The check above can fail: a misspelt directive makes verify talk."""
    text = verifiable_unit.read_text().replace("ProtectHome=yes", "ProtectHomes=yes")
    verifiable_unit.write_text(text)
    result = subprocess.run(
        [require("systemd-analyze"), "verify", "--man=no", "--generators=no", str(verifiable_unit)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "ProtectHomes" in result.stdout + result.stderr


def test_security_exposure_is_at_most_the_threshold(verifiable_unit: pathlib.Path) -> None:
    result = subprocess.run(
        [require("systemd-analyze"), "security", "--offline=true", "--no-pager", str(verifiable_unit)],
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"Overall exposure level for partnerd\.service: (\d+\.\d+)", result.stdout)
    assert match, result.stdout + result.stderr
    exposure = float(match.group(1))
    print(f"systemd-analyze security: overall exposure {exposure}")
    assert exposure <= MAX_EXPOSURE


@pytest.fixture
def catalog_root(tmp_path: pathlib.Path) -> pathlib.Path:
    directory = tmp_path / "usr" / "lib" / "systemd" / "catalog"
    directory.mkdir(parents=True)
    shutil.copy(CATALOG, directory / "partnerd.catalog")
    result = subprocess.run(
        [require("journalctl"), f"--root={tmp_path}", "--update-catalog"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    return tmp_path


def list_catalog(root: pathlib.Path, environment: dict[str, str]) -> dict[str, str]:
    """`journalctl --list-catalog`: id -> subject line (`partnerd: <subject>`) in the locale of `environment`."""
    result = subprocess.run(
        [require("journalctl"), f"--root={root}", "--list-catalog", "--no-pager"],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    listed = {}
    for line in result.stdout.splitlines():
        identifier, _, subject = line.partition(" ")
        listed[identifier] = subject
    return listed


def english() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C.UTF-8", "LANGUAGE": ""}


def test_catalog_lists_every_message_id_with_a_subject(catalog_root: pathlib.Path) -> None:
    listed = list_catalog(catalog_root, english())
    ids = message_ids()
    assert set(listed) == set(ids.values())
    for name, identifier in ids.items():
        subject = listed[identifier]
        assert subject.startswith("partnerd: "), (name, subject)
        assert "n/a" not in subject, name
        assert len(subject.removeprefix("partnerd: ").split()) >= 3, name


def test_catalog_speaks_german(catalog_root: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """daemon.language defaults to German, so `journalctl -x` explains the entries in German too."""
    if not pathlib.Path("/usr/share/i18n/locales/de_DE").exists():
        pytest.skip("the German locale source is missing (Debian package: locales)")
    locales = tmp_path / "locales"
    locales.mkdir()
    subprocess.run(
        [require("localedef"), "-i", "de_DE", "-f", "UTF-8", str(locales / "de_DE.UTF-8")],
        capture_output=True,
        check=True,
    )
    german = {**os.environ, "LOCPATH": str(locales), "LC_ALL": "de_DE.UTF-8", "LANGUAGE": ""}
    listed = list_catalog(catalog_root, german)
    in_english = list_catalog(catalog_root, english())
    assert set(listed) == set(message_ids().values())
    for identifier, subject in listed.items():
        assert subject != in_english[identifier], identifier
        assert "n/a" not in subject, identifier


def test_catalog_entries_have_a_body(catalog_root: pathlib.Path) -> None:
    result = subprocess.run(
        [require("journalctl"), f"--root={catalog_root}", "--dump-catalog", "--no-pager"],
        capture_output=True,
        text=True,
        check=True,
        env=english(),
    )
    entries = re.split(r"^-- ([0-9a-f]{32})\n", result.stdout, flags=re.MULTILINE)[1:]
    bodies = dict(zip(entries[0::2], entries[1::2]))
    assert set(bodies) == set(message_ids().values())
    for identifier, text in bodies.items():
        headers, _, body = text.partition("\n\n")
        assert "Defined-By: partnerd" in headers, identifier
        assert "Subject: " in headers, identifier
        assert len(body.split()) >= 20, identifier
