"""partnerctl check and upcoming on the sample config and on broken configs, as a user runs them."""

import json
import subprocess


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60, **kwargs)


def test_sample_config_is_valid(partnerctl, sample_config):
    result = run(partnerctl, "check", "--config", sample_config)
    assert result.returncode == 0, result.stderr
    assert "valid: 19 partnerships" in result.stdout
    assert "error" not in result.stderr


def test_upcoming_shows_the_30th_jubilee_and_the_november_events(partnerctl, sample_config):
    result = run(partnerctl, "upcoming", "--config", sample_config, "--from", "2022-06-01", "--days", "200", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    starts = [item["start"] for item in items]
    assert starts == sorted(starts, key=lambda s: s[:10])
    jubilee = next(i for i in items if i["partnership"] == "berlin-bruessel" and i["event"] == "anniversary")
    assert jubilee["kind"] == "jubilee" and jubilee["anniversary"] == 30 and jubilee["all_day"] is True
    assert jubilee["start"] == "2022-06-01" and jubilee["end"] == "2022-06-01"
    assert [r["lead"] for r in jubilee["reminders"]] == ["1y", "6mo", "3mo", "30d", "1d"]
    assert jubilee["reminders"][0]["due"] == "2021-06-01T09:00:00+02:00"
    athletics = next(i for i in items if i["event"] == "jugend-leichtathletik-2022")
    assert athletics["start"] == "2022-11-26"
    assert [(r["lead"], r["due"]) for r in athletics["reminders"]] == [
        ("7d", "2022-11-18T09:00:00+01:00"),
        ("1d", "2022-11-25T09:00:00+01:00"),
    ]
    # 19 November 2022 was a Saturday: the office reads it on the Friday, and the listing says why.
    week = athletics["reminders"][0]
    assert week["moved_from"] == "2022-11-19T09:00:00+01:00" and week["moved_reason"] == "kein Arbeitstag"
    assert "moved_from" not in athletics["reminders"][1]
    assert athletics["uid"] == "jugend-leichtathletik-2022.berlin-bruessel@partnerd"
    for key in ("uid", "partnership", "event", "kind", "title", "all_day", "start", "end", "reminders"):
        assert all(key in item for item in items), key


def test_upcoming_human_output(partnerctl, sample_config):
    result = run(partnerctl, "upcoming", "--config", sample_config, "--from", "2022-06-01", "--days", "200",
                 "--partnership", "berlin-bruessel")
    assert result.returncode == 0, result.stderr
    assert "30. Jahrestag der Städtepartnerschaft Berlin – Brüssel" in result.stdout
    assert "Samstag, 26. November 2022" in result.stdout


def test_bad_arguments_exit_2(partnerctl, sample_config):
    for args in (["--from", "2022-02-30"], ["--days", "0"], ["--to", "2022-01-01", "--days", "3"], ["--bogus"]):
        result = run(partnerctl, "upcoming", "--config", sample_config, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.strip()


def test_unknown_partnership_is_a_bad_argument(partnerctl, sample_config):
    result = run(partnerctl, "upcoming", "--config", sample_config, "--partnership", "berlin-atlantis")
    assert result.returncode == 2
    assert "berlin-bruessel" in result.stderr


def test_check_reports_every_problem_and_exits_1(partnerctl, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text(
        '[daemon]\nlanguage = "es"\ntimezon = "UTC"\n\n'
        '[[partnership]]\nid = "Berlin Paris"\ncity = "Berlin"\npartner = "Paris"\ncountry = "FR"\nsigned = 1987-07-02\n',
        encoding="utf-8",
    )
    result = run(partnerctl, "check", "--config", config)
    assert result.returncode == 1
    assert f"{config}:2:1: error: daemon → language" in result.stderr
    assert 'did you mean "timezone"?' in result.stderr
    assert 'use e.g. "berlin-paris"' in result.stderr
    assert "3 errors" in result.stderr


def test_check_survives_hostile_files(partnerctl, tmp_path):
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"a = \xff\xfe\n")
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b"")
    big = tmp_path / "big.toml"
    big.write_text(("# " + "x" * 100 + "\n") * 100_000 + "[daemon]\nlanguage = 'en'\n")
    assert big.stat().st_size > 10_000_000
    for path, expected in ((binary, 1), (tmp_path, 1), (tmp_path / "missing.toml", 1), (empty, 0), (big, 0)):
        result = run(partnerctl, "check", "--config", path)
        assert result.returncode == expected, (path, result.stderr)
        assert "Fatal error" not in result.stderr and result.returncode >= 0
    assert "not valid UTF-8" in run(partnerctl, "check", "--config", binary).stderr
    assert "is a directory" in run(partnerctl, "check", "--config", tmp_path).stderr
