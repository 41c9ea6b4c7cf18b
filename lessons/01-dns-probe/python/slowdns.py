"""A slow DNS for the demos, so that no network is needed.

install() replaces socket.getaddrinfo, the blocking call that
loop.getaddrinfo runs in a thread, with one that sleeps and counts how many
calls are in flight at once.
"""
import socket
import threading
import time

in_flight = 0       # calls sleeping right now
most_in_flight = 0  # the most at any one time
_lock = threading.Lock()


def install(latency=0.2, latencies=None, known=("go.dev", "python.org")):
    """Every lookup sleeps latency seconds (or latencies[host]); a host in
    known resolves, any other raises gaierror, as NXDOMAIN does."""
    def getaddrinfo(host, port, *args, **kwargs):
        global in_flight, most_in_flight
        with _lock:
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
        try:
            time.sleep((latencies or {}).get(host, latency))
        finally:
            with _lock:
                in_flight -= 1
        if host not in known:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.10", 0))]

    socket.getaddrinfo = getaddrinfo
