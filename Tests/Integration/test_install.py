"""`make install` and `make uninstall`, through scripts/install.sh with PREFIX and DESTDIR as make passes them.

One release build per session (in .build-release, as `make install` does it); every test then
installs that build into its own DESTDIR with --no-build, runs what was installed, and checks the
tree before and after.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "install.sh"
UNIT = REPO / "systemd" / "partnerd.service"
VERSION = REPO / "Sources" / "PartnerdCore" / "Version.swift"
MESSAGE_IDS = REPO / "Sources" / "PartnerdService" / "Journal" / "MessageID.swift"
MANIFEST = "share/partnerd/install-manifest"

# What an install puts below $PREFIX, with the permission bits.
PROGRAMS = {"bin/partnerd": 0o755, "bin/partnerctl": 0o755}
DATA = {
    "lib/systemd/system/partnerd.service": 0o644,
    "lib/systemd/catalog/partnerd.catalog": 0o644,
    "share/man/man8/partnerd.8": 0o644,
    "share/man/man1/partnerctl.1": 0o644,
    "share/bash-completion/completions/partnerctl": 0o644,
    "share/zsh/site-functions/_partnerctl": 0o644,
    "share/fish/vendor_completions.d/partnerctl.fish": 0o644,
    MANIFEST: 0o644,
}
SAMPLE_CONFIG = ["partnerd.toml"] + sorted(
    f"partnerships.d/{path.name}" for path in (REPO / "Config" / "partnerships.d").glob("*.toml")
)


def run_script(destdir: pathlib.Path, *arguments: str, prefix: str = "/usr/local", build: bool = False):
    environment = {**os.environ, "DESTDIR": str(destdir), "PREFIX": prefix}
    command = ["bash", str(SCRIPT), *arguments]
    if not build and "--uninstall" not in arguments:
        command.append("--no-build")
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=3600, check=False)


def install(destdir: pathlib.Path, prefix: str = "/usr/local") -> subprocess.CompletedProcess[str]:
    result = run_script(destdir, prefix=prefix)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def uninstall(destdir: pathlib.Path, prefix: str = "/usr/local") -> subprocess.CompletedProcess[str]:
    result = run_script(destdir, "--uninstall", prefix=prefix)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def tree(root: pathlib.Path) -> dict[str, str]:
    """Every path below `root`, relative, with its kind and, for files, their content's size."""
    entries = {}
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        entries[relative] = "dir" if path.is_dir() and not path.is_symlink() else f"file:{path.stat().st_size}"
    return entries


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed")
    return path


@pytest.fixture(scope="session")
def release_build(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """Builds the release binaries the way `make install` does (a no-op when .build-release is current). `make test`
    builds them before the tests, alone, and says so with PARTNERD_RELEASE_BUILT=1: then they are only installed."""
    destdir = tmp_path_factory.mktemp("release-build")
    result = run_script(destdir, build=os.environ.get("PARTNERD_RELEASE_BUILT") != "1")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return destdir


@pytest.fixture
def destdir(release_build: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    root = tmp_path / "root"
    root.mkdir()
    return root


@pytest.fixture
def installed(destdir: pathlib.Path) -> pathlib.Path:
    """A fresh install into DESTDIR with the default prefix; yields DESTDIR."""
    install(destdir)
    return destdir


def test_install_puts_every_file_in_place_with_its_mode(installed: pathlib.Path) -> None:
    prefix = installed / "usr" / "local"
    for relative, mode in {**PROGRAMS, **DATA}.items():
        path = prefix / relative
        assert path.is_file(), relative
        assert path.stat().st_mode & 0o7777 == mode, relative
    for relative in SAMPLE_CONFIG:
        path = installed / "etc" / "partnerd" / relative
        assert path.read_bytes() == (REPO / "Config" / relative).read_bytes(), relative
        # The unit's DynamicUser= account must be able to read it.
        assert path.stat().st_mode & 0o7777 == 0o644, relative

    manifest = (prefix / MANIFEST).read_text().splitlines()
    files = sorted(line.removeprefix("file /usr/local/") for line in manifest if line.startswith("file "))
    assert files == sorted({**PROGRAMS, **DATA})
    assert not [line for line in manifest if "/etc" in line], "the configuration must not be in the manifest"


def test_installed_programs_are_stripped_and_carry_their_swift_runtime(installed: pathlib.Path) -> None:
    readelf = require("readelf")
    for program in PROGRAMS:
        path = installed / "usr" / "local" / program
        sections = subprocess.run([readelf, "-S", "--wide", str(path)], capture_output=True, text=True, check=True)
        assert " .symtab " not in sections.stdout and " .debug_info " not in sections.stdout, program
        dynamic = subprocess.run([readelf, "-d", str(path)], capture_output=True, text=True, check=True).stdout
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
        assert "libsystemd.so.0" in needed, needed
        assert not [library for library in needed if library.startswith("libswift")], needed
        assert not re.search(r"R(UN)?PATH.*swift", dynamic), dynamic


def test_installed_programs_run_on_the_installed_config(installed: pathlib.Path) -> None:
    version = re.search(r'current = "([^"]+)"', VERSION.read_text())
    assert version
    result = subprocess.run(
        [str(installed / "usr/local/bin/partnerd"), "--version"], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout.strip()) == (0, version.group(1))

    config = installed / "etc" / "partnerd" / "partnerd.toml"
    partnerships = sum(
        (REPO / "Config" / name).read_text().count("\n[[partnership]]") for name in SAMPLE_CONFIG
    )
    # From another working directory: the includes are found relative to the installed file.
    result = subprocess.run(
        [str(installed / "usr/local/bin/partnerctl"), "check", "--config", str(config)],
        capture_output=True, text=True, timeout=60, cwd=installed,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"valid: {partnerships} partnerships" in result.stdout
    assert f"{len(SAMPLE_CONFIG)} files" in result.stdout


def test_installed_unit_starts_the_installed_daemon(installed: pathlib.Path) -> None:
    unit = (installed / "usr/local/lib/systemd/system/partnerd.service").read_text()
    exec_start = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    assert exec_start == ["ExecStart=/usr/local/bin/partnerd --log-target journald"]
    assert os.access(installed / exec_start[0].removeprefix("ExecStart=").split()[0].lstrip("/"), os.X_OK)
    assert unit == UNIT.read_text()


def test_a_trailing_slash_in_the_prefix_is_dropped(destdir: pathlib.Path) -> None:
    install(destdir, prefix="/usr/local/")
    unit = (destdir / "usr/local/lib/systemd/system/partnerd.service").read_text()
    assert "ExecStart=/usr/local/bin/partnerd --log-target journald" in unit.splitlines()
    assert "file /usr/local/bin/partnerd" in (destdir / "usr/local" / MANIFEST).read_text().splitlines()


def test_other_prefix_rewrites_exec_start_and_the_man_page(destdir: pathlib.Path) -> None:
    install(destdir, prefix="/opt/partnerd")
    unit = (destdir / "opt/partnerd/lib/systemd/system/partnerd.service").read_text()
    exec_start = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    assert exec_start == ["ExecStart=/opt/partnerd/bin/partnerd --log-target journald"]
    # Nothing else in the unit changes.
    assert unit.replace("/opt/partnerd/bin/partnerd", "/usr/local/bin/partnerd") == UNIT.read_text()
    assert "/opt/partnerd/lib/systemd/system/partnerd.service" in (
        destdir / "opt/partnerd/share/man/man8/partnerd.8"
    ).read_text()
    assert not (destdir / "usr").exists()
    uninstall(destdir, prefix="/opt/partnerd")
    assert sorted(tree(destdir)) == sorted(["etc", "etc/partnerd", "etc/partnerd/partnerships.d"] + [
        f"etc/partnerd/{name}" for name in SAMPLE_CONFIG
    ])  # fmt: skip


def verify(unit: pathlib.Path, manpath: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """`systemd-analyze verify` with the man page check on: each Documentation=man: page must be
    found by man(1) in `manpath`."""
    return subprocess.run(
        [require("systemd-analyze"), "verify", "--generators=no", str(unit)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MANPATH": str(manpath)},
    )


@pytest.fixture
def verifiable_installed_unit(installed: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """The installed unit with DESTDIR in front of its ExecStart path: verify checks that the
    command exists, and it exists only below DESTDIR until the tree is really installed."""
    text = (installed / "usr/local/lib/systemd/system/partnerd.service").read_text()
    copy = tmp_path / "verify" / "partnerd.service"
    copy.parent.mkdir()
    copy.write_text(text.replace("ExecStart=/usr/local/bin/", f"ExecStart={installed}/usr/local/bin/"))
    return copy


def test_systemd_analyze_verify_is_silent_on_the_installed_unit(
    installed: pathlib.Path, verifiable_installed_unit: pathlib.Path
) -> None:
    if shutil.which("man") is None:
        pytest.fail("man is not installed (Debian package: man-db); verify needs it for Documentation=")
    result = verify(verifiable_installed_unit, installed / "usr/local/share/man")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_systemd_analyze_verify_misses_the_man_pages_elsewhere(
    verifiable_installed_unit: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    """The check above can fail: without the installed man pages, verify names them."""
    empty = tmp_path / "no-man"
    (empty / "man1").mkdir(parents=True)
    result = verify(verifiable_installed_unit, empty)
    assert "partnerd(8)" in result.stdout + result.stderr
    assert "partnerctl(1)" in result.stdout + result.stderr


def test_installed_catalog_is_found_by_journalctl(installed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """journalctl reads catalogs below /usr/local/lib as well: the installed one, compiled under
    --root, lists every MESSAGE_ID of the source."""
    root = tmp_path / "journal-root"
    shutil.copytree(installed / "usr", root / "usr", symlinks=True)
    journalctl = require("journalctl")
    result = subprocess.run([journalctl, f"--root={root}", "--update-catalog"], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    listed = subprocess.run(
        [journalctl, f"--root={root}", "--list-catalog", "--no-pager"],
        capture_output=True, text=True, check=True, env={**os.environ, "LC_ALL": "C.UTF-8"},
    ).stdout  # fmt: skip
    ids = re.findall(r'case \w+ = "([0-9a-f]{32})"', MESSAGE_IDS.read_text())
    assert ids
    assert {line.split()[0] for line in listed.splitlines() if line.strip()} == set(ids)


def render(page: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """The page as man(1) shows it, with groff's warnings turned on."""
    return subprocess.run(
        [require("man"), "--warnings=w", "-E", "UTF-8", "-l", str(page)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MANWIDTH": "100", "LC_ALL": "C.UTF-8", "MANPAGER": "cat"},
    )


def long_options(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", help_text))


def test_man_pages_render_cleanly_and_list_every_option(installed: pathlib.Path) -> None:
    manual = installed / "usr/local/share/man"
    binaries = installed / "usr/local/bin"
    pages = {"partnerd": manual / "man8" / "partnerd.8", "partnerctl": manual / "man1" / "partnerctl.1"}
    assert pages["partnerd"].read_text().splitlines()[1].startswith(".TH PARTNERD 8 ")
    assert pages["partnerctl"].read_text().splitlines()[1].startswith(".TH PARTNERCTL 1 ")
    for program, page in pages.items():
        result = render(page)
        assert (result.returncode, result.stderr) == (0, ""), program
        text = result.stdout
        assert re.search(rf"^NAME\n\s+{program} - \S", text, flags=re.MULTILINE), text[:300]
        help_text = subprocess.run([str(binaries / program), "--help"], capture_output=True, text=True).stdout
        assert long_options(help_text) <= long_options(text), program

    partnerd = render(pages["partnerd"]).stdout
    for section in ("SYNOPSIS", "OPTIONS", "EXIT STATUS", "SIGNALS", "ENVIRONMENT", "FILES", "JOURNAL", "SEE ALSO"):
        assert re.search(rf"^{section}$", partnerd, flags=re.MULTILINE), section
    for identifier in re.findall(r'case \w+ = "([0-9a-f]{32})"', MESSAGE_IDS.read_text()):
        assert identifier in partnerd

    partnerctl = render(pages["partnerctl"]).stdout
    listing = subprocess.run([str(binaries / "partnerctl"), "--help"], capture_output=True, text=True).stdout
    commands = re.findall(r"^  ([a-z]+)\s", listing.split("SUBCOMMANDS:")[1], flags=re.MULTILINE)
    assert "check" in commands
    for command in (name for name in commands if name != "help"):
        assert re.search(rf"^   {command}$", partnerctl, flags=re.MULTILINE), command
        sub_help = subprocess.run(
            [str(binaries / "partnerctl"), command, "--help"], capture_output=True, text=True
        ).stdout
        assert long_options(sub_help) <= long_options(partnerctl), command


def test_the_render_check_notices_a_broken_page(installed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    broken = tmp_path / "broken.8"
    broken.write_text((installed / "usr/local/share/man/man8/partnerd.8").read_text() + ".XY not a macro\n")
    result = render(broken)
    assert "XY" in result.stderr


def test_completions_are_for_partnerctl(installed: pathlib.Path) -> None:
    share = installed / "usr/local/share"
    bash = (share / "bash-completion/completions/partnerctl").read_text()
    assert re.search(r"^complete .*partnerctl$", bash, flags=re.MULTILINE)
    assert subprocess.run(["bash", "-n", str(share / "bash-completion/completions/partnerctl")]).returncode == 0
    assert (share / "zsh/site-functions/_partnerctl").read_text().startswith("#compdef partnerctl")
    assert re.search(r"^complete -c '?partnerctl'? ", (share / "fish/vendor_completions.d/partnerctl.fish").read_text(), re.M)
    for shell, path in (("zsh", "zsh/site-functions/_partnerctl"), ("fish", "fish/vendor_completions.d/partnerctl.fish")):
        if shutil.which(shell):
            assert subprocess.run([shell, "-n", str(share / path)]).returncode == 0, shell


def test_bash_completion_offers_the_subcommands(installed: pathlib.Path) -> None:
    script = installed / "usr/local/share/bash-completion/completions/partnerctl"
    probe = (
        f"source {script}\n"
        "COMP_WORDS=(partnerctl ''); COMP_CWORD=1; COMP_LINE='partnerctl '; COMP_POINT=${#COMP_LINE}\n"
        "_partnerctl partnerctl '' partnerctl\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "-O", "extglob", "-c", probe], capture_output=True, text=True, timeout=30)
    assert {"check", "upcoming"} <= set(result.stdout.split()), result.stdout + result.stderr


def test_install_twice_keeps_an_edited_config(installed: pathlib.Path) -> None:
    config = installed / "etc" / "partnerd"
    edited = (config / "partnerd.toml").read_text().replace('language = "de"', 'language = "en"')
    (config / "partnerd.toml").write_text(edited)
    removed = config / SAMPLE_CONFIG[-1]
    removed.unlink()

    result = install(installed)
    assert (config / "partnerd.toml").read_text() == edited
    # Putting a deleted sample back would add its partnerships to the running config.
    assert not removed.exists()
    assert "sample configuration is not installed" in result.stdout


def test_missing_main_file_is_installed_but_other_config_files_are_kept(installed: pathlib.Path) -> None:
    config = installed / "etc" / "partnerd"
    (config / "partnerd.toml").unlink()
    kept = config / SAMPLE_CONFIG[1]
    kept.write_text("# mine\n")
    install(installed)
    assert (config / "partnerd.toml").read_bytes() == (REPO / "Config" / "partnerd.toml").read_bytes()
    assert kept.read_text() == "# mine\n"


def test_uninstall_removes_exactly_what_install_added(destdir: pathlib.Path) -> None:
    # Someone else's files and directories, some in the directories the install uses.
    (destdir / "usr/local/bin").mkdir(parents=True)
    (destdir / "usr/local/bin/other-tool").write_text("#!/bin/sh\n")
    (destdir / "usr/local/share/man/man1").mkdir(parents=True)
    (destdir / "usr/local/share/man/man1/other-tool.1").write_text(".TH OTHER 1\n")
    (destdir / "usr/local/share/zsh/site-functions").mkdir(parents=True)
    before = tree(destdir)

    install(destdir)
    install(destdir)  # twice: the second install must not lose track of the first one's directories
    assert len(tree(destdir)) > len(before) + len(PROGRAMS) + len(DATA)
    result = uninstall(destdir)
    assert "kept" in result.stdout and "/etc/partnerd" in result.stdout

    config = {"etc": "dir", "etc/partnerd": "dir", "etc/partnerd/partnerships.d": "dir"} | {
        f"etc/partnerd/{name}": f"file:{(REPO / 'Config' / name).stat().st_size}" for name in SAMPLE_CONFIG
    }
    assert tree(destdir) == before | config


def test_uninstall_keeps_a_directory_holding_other_files(installed: pathlib.Path) -> None:
    notes = installed / "usr/local/share/partnerd/notes.txt"
    notes.write_text("mine\n")
    uninstall(installed)
    assert notes.read_text() == "mine\n"
    assert not (installed / "usr/local" / MANIFEST).exists()
    assert not (installed / "usr/local/bin").exists()


def test_uninstall_leaves_paths_outside_the_prefix_alone(installed: pathlib.Path) -> None:
    """A manifest is only a list of names: one that names a file outside the prefix is not obeyed."""
    victim = installed / "etc" / "partnerd" / "partnerd.toml"
    manifest = installed / "usr/local" / MANIFEST
    manifest.write_text(
        manifest.read_text() + "file /etc/partnerd/partnerd.toml\nfile /usr/local/../../etc/partnerd/partnerd.toml\n"
    )
    result = uninstall(installed)
    assert victim.exists()
    assert "outside /usr/local" in result.stderr


def test_uninstall_without_an_install_fails(destdir: pathlib.Path) -> None:
    result = run_script(destdir, "--uninstall")
    assert result.returncode == 1
    assert "nothing was installed" in result.stderr
    assert tree(destdir) == {}


@pytest.mark.parametrize("prefix", ["usr/local", "/", "/opt/my partnerd", "/usr/../etc", "/opt/a|b"])
def test_unusable_prefixes_are_refused(destdir: pathlib.Path, prefix: str) -> None:
    result = run_script(destdir, prefix=prefix)
    assert result.returncode == 2, result.stdout
    assert "PREFIX" in result.stderr
    assert tree(destdir) == {}


def test_unknown_arguments_are_refused(destdir: pathlib.Path) -> None:
    result = subprocess.run(["bash", str(SCRIPT), "--frobnicate"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "usage" in result.stderr
