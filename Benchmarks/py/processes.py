"""Running the contenders: timed child processes with their peak RSS, and the two daemons
(trawld on a Unix socket, xapian-tcpsrv on loopback) with their memory read from /proc."""

import os
import signal
import socket
import subprocess
import threading
import time


class BenchError(RuntimeError):
    pass


def run_measured(command, cwd=None, env=None, stdin=None, check=True):
    """Runs `command` to completion. Returns wall seconds, peak RSS (KiB, from wait4), exit
    status, stdout and stderr. Output goes to temporary files, so a chatty child never blocks."""
    import tempfile
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=stdin or subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = {"seconds": seconds, "max_rss_kb": usage.ru_maxrss, "returncode": child.returncode,
                  "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
                  "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace")}
    if check and result["returncode"] != 0:
        raise BenchError(f"{' '.join(map(str, command))} exited {result['returncode']}: {result['stderr'][-2000:]}")
    return result


def proc_status_kb(pid, field):
    """VmRSS / VmHWM of a process in KiB, or 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children_of(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return kids


class RSSSampler:
    """Samples the summed VmRSS of a process (and, optionally, its children) every 50 ms."""

    def __init__(self, pid, with_children=False):
        self.pid, self.with_children, self.peak_kb = pid, with_children, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.05):
            pids = [self.pid] + (children_of(self.pid) if self.with_children else [])
            self.peak_kb = max(self.peak_kb, sum(proc_status_kb(p, "VmRSS") for p in pids))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class Daemon:
    """A long-running child (trawld or xapian-tcpsrv), ended with SIGTERM when the block exits."""

    def __init__(self, command, cwd, ready, log_path, env=None):
        self.command, self.cwd, self.ready, self.log_path, self.env = command, cwd, ready, log_path, env
        self.process = None
        self.exit_code = None

    def __enter__(self):
        self.log = open(self.log_path, "wb")
        # NOTE: a session of its own: xapian-tcpsrv signals its whole process group when it stops.
        self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while not self.ready():
            if self.process.poll() is not None:
                raise BenchError(f"{self.command[0]} exited {self.process.returncode} at start; see {self.log_path}")
            if time.monotonic() > deadline:
                self.stop()
                raise BenchError(f"{self.command[0]} did not become ready in 30 s; see {self.log_path}")
            time.sleep(0.02)
        return self

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.exit_code = self.process.returncode if self.process else None
        return self.exit_code

    def __exit__(self, *exc):
        self.stop()
        self.log.close()


def unix_socket_answers(path):
    def ready():
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(path)
                s.sendall(b'{"op":"ping"}\n')
                return b'"ok":true' in s.recv(4096)
        except OSError:
            return False
    return ready


def tcp_port_open(port, host="127.0.0.1"):
    def ready():
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            return False
    return ready


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trawld_request(path, line):
    """One request line to trawld; returns the answer line (bytes)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        s.sendall(line.encode() + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data
