"""A private Postfix instance for tests and benchmarks: its own config, queue and data folders
under one temporary root, SMTP on 127.0.0.1 at a free port, every message delivered by a pipe
transport into ROOT/sink/<queue id>. The system's own Postfix (/etc/postfix, /var/spool/postfix)
is neither used nor needed. Needs root (Postfix's master starts as root) and Debian's postfix.
"""
import glob
import os
import shutil
import socket
import subprocess
import time

MASTER_CF = """\
127.0.0.1:{port} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
sink      unix  -       n       n       -       -       pipe
  user=nobody argv={root}/sink.sh {root}/sink ${{queue_id}}
"""

MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/spool
data_directory = {root}/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
myhostname = replylint-test.localdomain
mydomain = localdomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
local_recipient_maps =
default_transport = sink
relay_transport = sink
sink_destination_recipient_limit = 1
smtputf8_enable = no
biff = no
default_process_limit = 20
smtpd_milters = {milters}
milter_default_action = tempfail
milter_protocol = 6
"""

SINK_SH = """#!/bin/sh
# Postfix's pipe transport gives the message on stdin; it lands in $1/$2 as delivered.
cat > "$1/.$2" && mv "$1/.$2" "$1/$2"
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing_programs():
    """The programs this harness needs that are not installed."""
    wanted = ["postfix", "postconf", "swaks"]
    return [p for p in wanted if shutil.which(p, path=os.environ.get("PATH", "") +
                                              ":/usr/sbin:/sbin") is None]


class PrivatePostfix:
    def __init__(self, root, milters=""):
        self.root = os.path.abspath(root)
        self.port = free_port()
        self.config = os.path.join(self.root, "etc")
        self.sink = os.path.join(self.root, "sink")
        os.makedirs(self.config)
        os.makedirs(self.sink)
        # `postfix check` makes the queue's subfolders, not the queue and data folders.
        os.makedirs(os.path.join(self.root, "spool"))
        os.makedirs(os.path.join(self.root, "data"))
        shutil.chown(os.path.join(self.root, "data"), "postfix", "postfix")
        # The pipe runs as nobody: it must reach the script and write the sink (and every folder
        # above `root` must let users postfix and nobody through).
        os.chmod(self.root, 0o755)
        os.chmod(self.sink, 0o777)
        with open(os.path.join(self.root, "sink.sh"), "w") as out:
            out.write(SINK_SH)
        os.chmod(os.path.join(self.root, "sink.sh"), 0o755)
        self.write_config(milters)

    def write_config(self, milters):
        with open(os.path.join(self.config, "main.cf"), "w") as out:
            out.write(MAIN_CF.format(root=self.root, milters=milters))
        with open(os.path.join(self.config, "master.cf"), "w") as out:
            out.write(MASTER_CF.format(root=self.root, port=self.port))

    def postfix(self, *args, check=True):
        return subprocess.run(["postfix", "-c", self.config, *args], capture_output=True,
                              text=True, check=check, timeout=120)

    def start(self):
        self.postfix("check", check=False)  # creates the queue folders with their owners
        self.postfix("start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the private Postfix did not listen:\n" + self.log())

    def reload(self):
        self.postfix("reload")
        time.sleep(1)

    def stop(self):
        self.postfix("stop", check=False)
        # postfix stop returns before the master has gone; wait for its pid file's process.
        pid_file = os.path.join(self.root, "spool", "pid", "master.pid")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                pid = int(open(pid_file).read().strip())
                os.kill(pid, 0)
            except (OSError, ValueError):
                return
            time.sleep(0.1)

    def log(self):
        try:
            return open(os.path.join(self.root, "maillog"), errors="replace").read()
        except OSError:
            return "(no maillog)"

    def delivered(self):
        """Names of the delivered messages (queue ids)."""
        return sorted(n for n in os.listdir(self.sink) if not n.startswith("."))

    def wait_for_deliveries(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.delivered()) >= count:
                return self.delivered()
            time.sleep(0.05)
        raise RuntimeError(f"{len(self.delivered())} of {count} messages delivered:\n" +
                           self.log()[-4000:])

    def read(self, queue_id):
        with open(os.path.join(self.sink, queue_id), "rb") as f:
            return f.read()

    def held(self):
        """Queue files in the hold queue (the milter quarantine)."""
        return glob.glob(os.path.join(self.root, "spool", "hold", "*"))

    def swaks(self, sender, recipient, data_file):
        """Submits `data_file` as it is; returns swaks's exit status and its transcript."""
        run = subprocess.run(
            ["swaks", "--server", "127.0.0.1", "--port", str(self.port), "--from", sender,
             "--to", recipient, "--data", "@" + data_file, "--timeout", "120"],
            capture_output=True, text=True, timeout=180)
        return run.returncode, run.stdout + run.stderr
