"""What the live benchmarks (put_bench.py, alerts_bench.py, fresh_bench.py) share: a line-protocol
client for trawld's socket and the percentile they report."""

import json
import socket


def percentile(values, p):
    """The p-th percentile (nearest rank, p in 0..100); NaN without values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


class Client:
    """One connection to trawld, one request at a time; event lines (subscriptions) are skipped."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")

    def call(self, request, check=True):
        """The answer to `request`; with `check`, an error answer raises."""
        self.sock.sendall((json.dumps(request) + "\n").encode())
        while True:
            answer = json.loads(self.file.readline())
            if "event" in answer:
                continue
            if check and not answer.get("ok"):
                raise RuntimeError(f"{request['op']}: {answer}")
            return answer

    def close(self):
        self.file.close()
        self.sock.close()
