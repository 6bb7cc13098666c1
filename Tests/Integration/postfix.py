"""A real Postfix with Dovecot SASL on 127.0.0.1, started and stopped by the tests that use it.

Debian's postfix runs from a config directory of its own (`postfix -c DIR`), with its queue, its log and a
Maildir per virtual recipient in one temporary directory; Dovecot runs only its auth service, with a passwd-file,
and hands Postfix its socket. Each smtpd listens on a port of its own:

- `plain` (port 25's role): no AUTH, STARTTLS offered;
- `submission` (587's): STARTTLS required before AUTH, AUTH required before MAIL;
- `smtps` (465's): TLS from the first byte, AUTH required;
- `untrusted`, `expired`, `other_name`: like `submission`, with a self-signed certificate, an expired one, and
  one made out to another host;
- `no_starttls`: like `plain`, without STARTTLS.

The certificates are made with python `cryptography`: a CA (the channels' `ca_file`) signs the good, expired
and other-name certificates; the untrusted one signs itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import email
import email.policy
import os
import pathlib
import pwd
import shutil
import subprocess
import tempfile
import time

from daemon import free_port

USER = "partnerd"
PASSWORD = "Fernsehturm-1969"
MAILBOXES = ["protokoll@example.org", "buero@example.org", "partner@example.be"]
SERVICES = ["plain", "submission", "smtps", "untrusted", "expired", "other_name", "no_starttls"]


def _certificates(directory: pathlib.Path) -> dict[str, pathlib.Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    import ipaddress

    now = datetime.datetime.now(datetime.timezone.utc)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    def write_key(key, path: pathlib.Path) -> None:
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("partnerd test mail CA")).issuer_name(name("partnerd test mail CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=7))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    paths = {"ca": directory / "ca.pem"}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))

    def leaf(label: str, names: list[str], before: datetime.datetime, after: datetime.datetime, self_signed=False):
        key = ec.generate_private_key(ec.SECP256R1())
        alternatives = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))
                                                           for n in names if n == "localhost"]
        issuer = name(names[0]) if self_signed else ca.subject
        builder = (x509.CertificateBuilder().subject_name(name(names[0])).issuer_name(issuer)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(before).not_valid_after(after)
                   .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
        certificate = builder.sign(key if self_signed else ca_key, hashes.SHA256())
        paths[label] = directory / f"{label}.pem"
        paths[label + "_key"] = directory / f"{label}.key"
        paths[label].write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        write_key(key, paths[label + "_key"])

    week = datetime.timedelta(days=7)
    leaf("good", ["localhost"], now - datetime.timedelta(days=1), now + week)
    leaf("expired", ["localhost"], datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc),
         datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc))
    leaf("other_name", ["mail.other.example"], now - datetime.timedelta(days=1), now + week)
    leaf("untrusted", ["localhost"], now - datetime.timedelta(days=1), now + week, self_signed=True)
    return paths


@dataclasses.dataclass
class Postfix:
    """The running pair; `ports[service]` is where each smtpd listens."""

    root: pathlib.Path
    ports: dict[str, int]
    certificates: dict[str, pathlib.Path]

    @property
    def ca_file(self) -> pathlib.Path:
        return self.certificates["ca"]

    @property
    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""

    def maildir(self, address: str) -> list[email.message.EmailMessage]:
        """The messages delivered to `address`, oldest first."""
        local, domain = address.split("@")
        directory = self.root / "mail" / domain / local / "new"
        if not directory.exists():
            return []
        files = sorted(directory.iterdir(), key=lambda path: path.stat().st_mtime_ns)
        return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in files]

    def wait_for_mail(self, address: str, count: int, deadline_s: float = 30.0) -> list[email.message.EmailMessage]:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            messages = self.maildir(address)
            if len(messages) >= count:
                return messages
            time.sleep(0.1)
        raise AssertionError(f"{address} has {len(self.maildir(address))} of {count} messages after {deadline_s} s; "
                             f"Postfix's log ends:\n{self.log[-3000:]}")

    def wait_for_log(self, text: str, count: int = 1, deadline_s: float = 20.0, since: int = 0) -> list[str]:
        """The log lines holding `text`, once there are `count`; `since` is an offset into the log (its length at
        some earlier point) before which lines are not counted."""
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            lines = [line for line in self.log[since:].splitlines() if text in line]
            if len(lines) >= count:
                return lines
            time.sleep(0.1)
        raise AssertionError(f"{count} log lines with {text!r} not seen in {deadline_s} s:\n{self.log[-3000:]}")

    # --- start and stop ----------------------------------------------------------------------------------------

    @classmethod
    def start(cls) -> "Postfix":
        for tool in ("postfix", "dovecot"):
            if shutil.which(tool) is None and not pathlib.Path(f"/usr/sbin/{tool}").exists():
                raise AssertionError(f"{tool} is not installed (scripts/install-deps.sh installs postfix and "
                                     "dovecot-core)")
        if os.geteuid() != 0:
            raise AssertionError("Postfix is started as root (its daemons drop to the postfix user)")
        # Not below pytest's temporary directory: that one is 0700, and Postfix's daemons (user postfix) and
        # its virtual delivery agent (user nobody) must reach the queue and the Maildirs.
        root = pathlib.Path(tempfile.mkdtemp(prefix="partnerd-postfix-"))
        root.chmod(0o755)
        ports = {service: free_port() for service in SERVICES}
        certificates = _certificates(root)
        for key in (path for label, path in certificates.items() if label.endswith("_key")):
            key.chmod(0o600)
        server = cls(root=root, ports=ports, certificates=certificates)
        try:
            server._start_dovecot()
            server._start_postfix()
        except BaseException:
            server.stop()
            raise
        return server

    def _start_dovecot(self) -> None:
        root = self.root
        (root / "dovecot").mkdir()
        (root / "queue" / "private").mkdir(parents=True)
        owner = pwd.getpwnam("postfix")
        os.chown(root / "queue" / "private", owner.pw_uid, owner.pw_gid)
        (root / "queue" / "private").chmod(0o700)
        (root / "dovecot.passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        (root / "dovecot.conf").write_text(f"""
protocols =
base_dir = {root}/dovecot/
state_dir = {root}/dovecot/
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/dovecot.passwd
}}
userdb {{
  driver = static
  args = uid=65534 gid=65534 home={root}/home
}}
service auth {{
  unix_listener {root}/queue/private/auth {{
    mode = 0660
    user = postfix
    group = postfix
  }}
}}
""")
        self._run(["dovecot", "-c", str(root / "dovecot.conf")], "dovecot")
        self._wait_for_path(root / "queue" / "private" / "auth", "Dovecot's auth socket")

    def _start_postfix(self) -> None:
        root = self.root
        etc = root / "etc"
        etc.mkdir()
        (root / "data").mkdir()
        owner = pwd.getpwnam("postfix")
        os.chown(root / "data", owner.pw_uid, owner.pw_gid)
        mail = root / "mail"
        mail.mkdir()
        nobody = pwd.getpwnam("nobody")
        os.chown(mail, nobody.pw_uid, nobody.pw_gid)
        (root / "vmailbox").write_text("".join(
            f"{address} {address.split('@')[1]}/{address.split('@')[0]}/\n" for address in MAILBOXES))
        cert = self.certificates
        (etc / "main.cf").write_text(f"""
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
myhostname = mx.partnerd.test
mydomain = partnerd.test
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
smtputf8_enable = no
biff = no
virtual_mailbox_domains = example.org example.be
virtual_mailbox_base = {mail}
virtual_mailbox_maps = texthash:{root}/vmailbox
virtual_uid_maps = static:{nobody.pw_uid}
virtual_gid_maps = static:{nobody.pw_gid}
smtpd_tls_cert_file = {cert['good']}
smtpd_tls_key_file = {cert['good_key']}
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_auth_enable = no
smtpd_tls_auth_only = yes
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
""")
        authenticated = ("-o smtpd_sasl_auth_enable=yes -o smtpd_tls_security_level=encrypt "
                         "-o smtpd_client_restrictions=permit_sasl_authenticated,reject")
        port = self.ports

        def with_certificate(label: str) -> str:
            return f"-o smtpd_tls_cert_file={cert[label]} -o smtpd_tls_key_file={cert[label + '_key']}"

        services = {
            "plain": "",
            "submission": authenticated,
            "smtps": "-o smtpd_tls_wrappermode=yes -o smtpd_sasl_auth_enable=yes "
                     "-o smtpd_client_restrictions=permit_sasl_authenticated,reject",
            "untrusted": f"{authenticated} {with_certificate('untrusted')}",
            "expired": f"{authenticated} {with_certificate('expired')}",
            "other_name": f"{authenticated} {with_certificate('other_name')}",
            "no_starttls": "-o smtpd_tls_security_level=none",
        }
        master = [f"127.0.0.1:{port[name]} inet n - n - - smtpd {options}".rstrip() + "\n"
                  for name, options in services.items()]
        master += [line + "\n" for line in (
            "pickup unix n - n 60 1 pickup",
            "cleanup unix n - n - 0 cleanup",
            "qmgr unix n - n 300 1 qmgr",
            "tlsmgr unix - - n 1000? 1 tlsmgr",
            "rewrite unix - - n - - trivial-rewrite",
            "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce",
            "verify unix - - n - 1 verify",
            "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap",
            "smtp unix - - n - - smtp",
            "relay unix - - n - - smtp",
            "showq unix n - n - - showq",
            "error unix - - n - - error",
            "retry unix - - n - - error",
            "discard unix - - n - - discard",
            "local unix - n n - - local",
            "virtual unix - n n - - virtual",
            "lmtp unix - - n - - lmtp",
            "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache",
            "postlog unix-dgram n - n - 1 postlogd",
        )]
        (etc / "master.cf").write_text("".join(master))
        self._run(["postfix", "-c", str(etc), "start"], "postfix start")
        for name in SERVICES:
            self._wait_for_port(port[name], f"Postfix's {name} smtpd")

    def stop(self) -> None:
        etc = self.root / "etc"
        if (etc / "main.cf").exists():
            subprocess.run(["postfix", "-c", str(etc), "stop"], capture_output=True, timeout=30)
        if (self.root / "dovecot.conf").exists():
            subprocess.run(["doveadm", "-c", str(self.root / "dovecot.conf"), "stop"], capture_output=True, timeout=30)
        # postfix stop returns before its master has gone; the directory goes once nothing writes to it.
        end = time.monotonic() + 10
        master_pid = self.root / "queue" / "pid" / "master.pid"
        while master_pid.exists() and time.monotonic() < end:
            time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- helpers -----------------------------------------------------------------------------------------------

    def _run(self, command: list[str], what: str) -> None:
        # Both daemons fork into the background and keep the descriptors they were given: a file, not a pipe
        # that would keep this call waiting.
        output = self.root / "start.log"
        with output.open("a") as sink:
            result = subprocess.run(command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    timeout=60)
        if result.returncode != 0:
            raise AssertionError(f"{what} failed ({result.returncode}): {output.read_text().strip()}\n"
                                 f"{self.log[-2000:]}")

    def _wait_for_path(self, path: pathlib.Path, what: str, deadline_s: float = 15.0) -> None:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if path.exists():
                return
            time.sleep(0.05)
        log = (self.root / "dovecot.log")
        raise AssertionError(f"{what} did not appear in {deadline_s} s: "
                             f"{log.read_text() if log.exists() else 'no log'}")

    def _wait_for_port(self, port: int, what: str, deadline_s: float = 20.0) -> None:
        import socket
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"{what} does not listen on {port} after {deadline_s} s:\n{self.log[-3000:]}")
