#!/usr/bin/env python3
"""Writes the man page of partnerd or partnerctl, in man(7) macros, to standard output.

    scripts/manpage.py PROGRAM SECTION [--prefix /usr/local] [--date YYYY-MM-DD]

The synopsis, the options and the subcommands come from the program itself: swift-argument-parser
describes every command, option and help text as JSON under `--experimental-dump-help`, so the page
cannot drift from the code. The sections that no argument definition holds (exit status, signals,
environment, files, the journal's MESSAGE_IDs, see also) are written below, per program; the
MESSAGE_IDs are read from Sources/PartnerdService/Journal/MessageID.swift.

The date is $SOURCE_DATE_EPOCH's day when set, else the day of the last commit, else today, so that
the same sources give the same page.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import re
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
MESSAGE_IDS = REPO / "Sources" / "PartnerdService" / "Journal" / "MessageID.swift"
MANUALS = {1: "User Commands", 8: "System Manager's Manual"}
# Flags that every command has; listed once, for the top-level command.
COMMON_FLAGS = {"help", "version"}


def escape(text: str) -> str:
    """Text for a roff input line: backslashes escaped, Markdown code quotes dropped, option dashes
    as \\- (so that a copied `--days` stays two hyphen-minus characters), and no line taken for a
    request."""
    text = text.replace("\\", "\\e").replace("`", "")
    text = re.sub(r"(?<![\w-])(-{1,2})(?=[\w$])", lambda match: "\\-" * len(match.group(1)), text)
    lines = [("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n")]
    return "\n".join(lines)


def bold(text: str) -> str:
    return f"\\fB{escape(text)}\\fR"


def italic(text: str) -> str:
    return f"\\fI{escape(text)}\\fR"


def paragraphs(text: str) -> list[str]:
    """A help text as roff lines: blank lines start a paragraph, single line breaks are kept."""
    lines: list[str] = []
    for number, block in enumerate(part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()):
        if number:
            lines.append(".PP")
        for index, line in enumerate(block.strip().split("\n")):
            if index:
                lines.append(".br")
            lines.append(escape(line.strip()))
    return lines


def name_of(name: dict) -> str:
    dashes = {"short": "-", "long": "--", "longWithSingleDash": "-"}[name["kind"]]
    return dashes + name["name"]


def visible(command: dict, top_level: bool) -> list[dict]:
    """The arguments worth listing: shown in help, and the common flags only at the top."""
    return [
        argument
        for argument in command.get("arguments", [])
        if argument.get("shouldDisplay", True)
        and (top_level or argument.get("preferredName", {}).get("name") not in COMMON_FLAGS)
    ]


def synopsis_item(argument: dict) -> str:
    value = argument.get("valueName", "value")
    if argument["kind"] == "positional":
        item = italic(value)
    elif argument["kind"] == "flag":
        item = bold(name_of(argument["preferredName"]))
    else:
        # An unbreakable space: a line break between an option and its value misleads.
        item = f"{bold(name_of(argument['preferredName']))}\\ {italic(value)}"
    if argument.get("isRepeating"):
        item += " ..."
    return f"[{item}]" if argument.get("isOptional") else item


def subcommands(command: dict) -> list[dict]:
    """The subcommands to document: ArgumentParser's generic `help` is left out."""
    return [
        subcommand
        for subcommand in command.get("subcommands", [])
        if subcommand["commandName"] != "help" and subcommand.get("shouldDisplay", True)
    ]


def synopsis(path: list[str], command: dict) -> list[str]:
    items = [
        synopsis_item(argument)
        for argument in visible(command, top_level=False)
        if argument.get("preferredName", {}).get("name") not in COMMON_FLAGS
    ]
    if subcommands(command):
        items.append(italic("command") + " [" + italic("options") + "]")
    return [".HP", " ".join([bold(" ".join(path))] + items)]


def option_entries(command: dict, top_level: bool) -> list[str]:
    lines: list[str] = []
    for argument in visible(command, top_level):
        value = argument.get("valueName", "value")
        if argument["kind"] == "positional":
            tag = italic(value)
        else:
            names = ", ".join(bold(name_of(name)) for name in argument.get("names", []))
            tag = names if argument["kind"] == "flag" else f"{names} {italic(value)}"
        if argument.get("isRepeating"):
            tag += " ..."
        text = argument.get("abstract", "")
        if argument.get("allValues"):
            text += f" One of: {', '.join(argument['allValues'])}."
        if argument.get("defaultValue") not in (None, "", "false"):
            text += f" Default: {argument['defaultValue']}."
        lines += [".TP", tag] + paragraphs(text or " ")
        if argument.get("discussion"):
            lines += [".IP"] + paragraphs(argument["discussion"])
    return lines


def subcommand_sections(path: list[str], command: dict) -> list[str]:
    lines: list[str] = []
    for subcommand in subcommands(command):
        name = subcommand["commandName"]
        here = path + [name]
        lines += [f'.SS "{escape(" ".join(here[1:]))}"'] + synopsis(here, subcommand)
        lines += [".PP"] + paragraphs(subcommand.get("abstract", ""))
        if subcommand.get("discussion"):
            lines += [".PP"] + paragraphs(subcommand["discussion"])
        entries = option_entries(subcommand, top_level=False)
        if entries:
            lines += [".PP", "Options:", ".RS"] + entries + [".RE"]
        lines += subcommand_sections(here, subcommand)
    return lines


def message_ids() -> list[tuple[str, str]]:
    """(id, what it marks) for each MessageID case, from the doc comment above the case."""
    entries = []
    comment: list[str] = []
    for line in MESSAGE_IDS.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("///"):
            comment.append(stripped[3:].strip())
            continue
        match = re.match(r'case \w+ = "([0-9a-f]{32})"', stripped)
        if match:
            entries.append((match.group(1), " ".join(comment)))
        comment = []
    if not entries:
        raise SystemExit(f"manpage: no MESSAGE_IDs found in {MESSAGE_IDS}")
    return entries


def tagged(items: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    for tag, text in items:
        lines += [".TP", tag] + paragraphs(text)
    return lines


def partnerd_sections(prefix: str) -> list[tuple[str, list[str]]]:
    return [
        (
            "EXIT STATUS",
            tagged(
                [
                    ("0", "Stopped by SIGTERM or SIGINT."),
                    ("1", "The configuration is invalid at start, or the state directory cannot be used."),
                    ("2", "Bad arguments."),
                ]
            ),
        ),
        (
            "SIGNALS",
            tagged(
                [
                    (
                        bold("SIGHUP"),
                        "Reload: the configuration is read and checked again. When it is valid it replaces the "
                        "old one as a whole; when it is not, the old one stays in force and the rejection is "
                        "logged with every error. systemctl reload partnerd sends it.",
                    ),
                    (
                        bold("SIGTERM") + ", " + bold("SIGINT"),
                        "Stop: the ledger is written and the process exits with status 0.",
                    ),
                ]
            ),
        ),
        (
            "ENVIRONMENT",
            tagged(
                [
                    (bold("PARTNERD_CONFIG"), "The configuration file, when --config is not given."),
                    (
                        bold("CONFIGURATION_DIRECTORY"),
                        "Set by systemd (ConfigurationDirectory=): partnerd.toml is looked for there next.",
                    ),
                    (
                        bold("STATE_DIRECTORY"),
                        "Set by systemd (StateDirectory=): where the ledger is kept, unless --state-directory "
                        "or daemon.state_directory says otherwise.",
                    ),
                    (
                        bold("RUNTIME_DIRECTORY"),
                        "Set by systemd (RuntimeDirectory=): the control socket partnerd.sock is created there.",
                    ),
                    (
                        bold("NOTIFY_SOCKET") + ", " + bold("WATCHDOG_USEC"),
                        "Set by systemd for Type=notify and WatchdogSec=: partnerd reports readiness, reloads "
                        "and stopping, and sends keep-alive pings.",
                    ),
                    (
                        bold("JOURNAL_STREAM"),
                        "When set, --log-target auto logs to the journal.",
                    ),
                    (
                        bold("XDG_STATE_HOME") + ", " + bold("XDG_RUNTIME_DIR"),
                        "The state directory and the control socket of a daemon run by a user outside systemd.",
                    ),
                ]
            ),
        ),
        (
            "FILES",
            tagged(
                [
                    (italic("/etc/partnerd/partnerd.toml"), "The configuration."),
                    (
                        italic("/etc/partnerd/partnerships.d/*.toml"),
                        "Partnerships and events, included by the sample configuration.",
                    ),
                    (
                        italic("/var/lib/partnerd/"),
                        "The state directory under systemd: the delivery ledger, so that each reminder is "
                        "delivered once across restarts.",
                    ),
                    (italic("/run/partnerd/partnerd.sock"), "The control socket that partnerctl talks to."),
                    (italic(f"{prefix}/lib/systemd/system/partnerd.service"), "The systemd unit."),
                    (
                        italic(f"{prefix}/lib/systemd/catalog/partnerd.catalog"),
                        "Explanations of the journal entries, shown by journalctl -x after "
                        "journalctl --update-catalog.",
                    ),
                ]
            ),
        ),
        (
            "JOURNAL",
            paragraphs(
                "Each reminder is one journal entry with SYSLOG_IDENTIFIER=partnerd, priority notice (warning "
                "when delivered late) and the fields PARTNERD_PARTNERSHIP, PARTNERD_EVENT, PARTNERD_KIND, "
                "PARTNERD_UID, PARTNERD_OCCURRENCE, PARTNERD_LEAD, PARTNERD_DUE, PARTNERD_ANNIVERSARY and, when "
                "caught up late, PARTNERD_LATE=1. Entries carry these MESSAGE_IDs; select them with "
                "journalctl MESSAGE_ID=id:"
            )
            + tagged([(bold(identifier), text) for identifier, text in message_ids()]),
        ),
        (
            "EXAMPLES",
            [".nf", ".RS"]
            + [
                escape(line)
                for line in [
                    "systemctl enable --now partnerd",
                    "journalctl -u partnerd -x",
                    f"journalctl MESSAGE_ID={message_ids()[0][0]} --since today",
                    "partnerd --config Config/partnerd.toml --log-target stderr --state-directory /tmp/partnerd",
                ]
            ]
            + [".RE", ".fi"],
        ),
        ("SEE ALSO", [f"{bold('partnerctl')}(1), {bold('journalctl')}(1), {bold('systemd.exec')}(5)"]),
    ]


def partnerctl_sections(prefix: str) -> list[tuple[str, list[str]]]:
    return [
        (
            "EXIT STATUS",
            tagged(
                [
                    ("0", "Success; for status: the daemon is running."),
                    ("1", "The configuration is invalid, or the daemon rejected a reload."),
                    ("2", "Bad arguments."),
                    ("3", "The daemon is not running (status, reload)."),
                    ("4", "The daemon could not be asked: permission denied, another protocol version, an error answer."),
                ]
            )
            + paragraphs("A command's own description above may name further statuses."),
        ),
        (
            "ENVIRONMENT",
            tagged(
                [
                    (
                        bold("PARTNERD_CONFIG"),
                        "The configuration file when --config is not given; then "
                        "$CONFIGURATION_DIRECTORY/partnerd.toml, /etc/partnerd/partnerd.toml and "
                        "Config/partnerd.toml under the working directory are tried, as by partnerd.",
                    ),
                    (
                        bold("RUNTIME_DIRECTORY") + ", " + bold("XDG_RUNTIME_DIR"),
                        "Where the daemon's control socket is looked for when --socket is not given.",
                    ),
                ]
            ),
        ),
        (
            "FILES",
            tagged(
                [
                    (italic("/etc/partnerd/partnerd.toml"), "The configuration of the installed daemon."),
                    (italic("/run/partnerd/partnerd.sock"), "The control socket of the daemon run by systemd."),
                ]
            ),
        ),
        (
            "EXAMPLES",
            [".nf", ".RS"]
            + [
                escape(line)
                for line in [
                    "partnerctl check --config /etc/partnerd/partnerd.toml",
                    "partnerctl upcoming --days 30",
                    "partnerctl upcoming --partnership berlin-bruessel --json",
                ]
            ]
            + [".RE", ".fi"],
        ),
        ("SEE ALSO", [f"{bold('partnerd')}(8), {bold('journalctl')}(1)"]),
    ]


def summary(abstract: str) -> str:
    """The NAME line's description: the abstract without its full stop, lower case first unless
    the first word is a name in capitals."""
    text = abstract.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def page_date(explicit: str | None) -> str:
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%d")
    result = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%cs"], capture_output=True, text=True, check=False
    )
    if result.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.stdout.strip()):
        return result.stdout.strip()
    return datetime.date.today().isoformat()


def render(program: str, section: int, prefix: str, date: str) -> str:
    dump = subprocess.run([program, "--experimental-dump-help"], capture_output=True, text=True, check=True)
    info = json.loads(dump.stdout)
    if info.get("serializationVersion") != 0:
        raise SystemExit(f"manpage: {program} describes itself in an unknown format: {info.get('serializationVersion')}")
    version = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    command = info["command"]
    name = command["commandName"]

    lines = [
        f'.\\" {name}({section}), written by scripts/manpage.py from `{name} --experimental-dump-help`.',
        f'.TH {name.upper()} {section} "{date}" "{escape(name)} {escape(version)}" "{MANUALS.get(section, "")}"',
        # Generated text: no hyphenation, so that option names stay whole; ragged right.
        ".nh",
        ".ad l",
        ".SH NAME",
        f"{escape(name)} \\- {escape(summary(command.get('abstract', '')))}",
        ".SH SYNOPSIS",
    ]
    lines += synopsis([name], command)
    for subcommand in subcommands(command):
        lines += synopsis([name, subcommand["commandName"]], subcommand)
    lines += [".SH DESCRIPTION"] + paragraphs(command.get("abstract", ""))
    if command.get("discussion"):
        lines += [".PP"] + paragraphs(command["discussion"])
    lines += [".SH OPTIONS"] + option_entries(command, top_level=True)
    if subcommands(command):
        lines += [".SH COMMANDS"] + subcommand_sections([name], command)

    extra = {"partnerd": partnerd_sections, "partnerctl": partnerctl_sections}.get(name)
    for title, body in extra(prefix) if extra else []:
        lines += [f'.SH "{title}"'] + body
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program", help="the built partnerd or partnerctl")
    parser.add_argument("section", type=int, choices=range(1, 10))
    parser.add_argument("--prefix", default="/usr/local", help="the install prefix, for the FILES section")
    parser.add_argument("--date", help="the page's date, YYYY-MM-DD")
    arguments = parser.parse_args()
    sys.stdout.write(render(arguments.program, arguments.section, arguments.prefix, page_date(arguments.date)))


if __name__ == "__main__":
    main()
