"""The lesson's pipeline in asyncio: a producer, a bounded asyncio.Queue and
N workers that ask the lesson's simulated DNS server (a UDP address, given
by the Go benchmark) about probe0001.dev, probe0002.dev, ...

    python3 pipeline.py 127.0.0.1:PORT [n] [workers] [queue]

Python's own loop.getaddrinfo can not be pointed at another server, so each
lookup is one DNS question (A) over UDP, written by hand below; Go's
resolver asks two (A and AAAA) at once."""
import asyncio
import random
import struct
import sys
import time


def query(name, ident):
    """A DNS query for the A record of name (RFC 1035 section 4.1)."""
    header = struct.pack(">HHHHHH", ident, 0x0100, 1, 0, 0, 0)  # recursion desired, 1 question
    labels = b"".join(bytes([len(part)]) + part.encode() for part in name.split("."))
    return header + labels + b"\0" + struct.pack(">HH", 1, 1)  # type A, class IN


class Answer(asyncio.DatagramProtocol):
    def __init__(self, ident, done):
        self.ident, self.done = ident, done

    def datagram_received(self, data, addr):
        ident, flags = struct.unpack(">HH", data[:4])
        if ident == self.ident and not self.done.done():
            self.done.set_result(flags & 0xF)  # the RCODE: 0 found, 3 NXDOMAIN


async def probe(server, name):
    loop = asyncio.get_running_loop()
    ident = random.randrange(1 << 16)
    done = loop.create_future()
    transport, _ = await loop.create_datagram_endpoint(lambda: Answer(ident, done), remote_addr=server)
    try:
        transport.sendto(query(name, ident))
        rcode = await asyncio.wait_for(done, timeout=5)
    finally:
        transport.close()
    return {0: "taken", 3: "free"}.get(rcode, "failed")


async def worker(server, queue, counts):
    while True:
        name = await queue.get()
        try:
            status = await probe(server, name)
        except (OSError, TimeoutError):
            status = "failed"
        counts[status] = counts.get(status, 0) + 1
        queue.task_done()


async def main(server, n, workers, queue_size):
    queue = asyncio.Queue(maxsize=queue_size)
    counts = {}
    tasks = [asyncio.create_task(worker(server, queue, counts)) for _ in range(workers)]
    start = time.monotonic()
    for i in range(1, n + 1):
        await queue.put(f"probe{i:04d}.dev")
    await queue.join()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    took = time.monotonic() - start
    print(f"{n} names in {took:.3f}s on {workers} workers and a queue of {queue_size}: "
          f"{counts.get('taken', 0)} taken, {counts.get('free', 0)} free, {counts.get('failed', 0)} failed")


if __name__ == "__main__":
    host, port = sys.argv[1].rsplit(":", 1)
    args = [int(a) for a in sys.argv[2:5]] + [1000, 100, 100][len(sys.argv[2:5]):]
    asyncio.run(main((host, int(port)), *args))
