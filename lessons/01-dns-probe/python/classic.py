import asyncio
import socket
import types

import slowdns


@types.coroutine
def probe(domain):
    loop = asyncio.get_running_loop()
    try:
        yield from watch(loop.getaddrinfo(domain, None))
    except socket.gaierror:
        return domain, False
    return domain, True


@types.coroutine
def watch(awaitable):
    """yield from awaitable, printing what passes each way."""
    steps = awaitable.__await__()
    sent = None
    while True:
        try:
            future = steps.send(sent)
        except StopIteration as done:
            print("  the lookup returns its result to yield from")
            return done.value
        print("  up to the Task:", type(future).__name__)
        sent = yield future
        print("  down from the Task: send(%r)" % sent)


async def main():
    slowdns.install(latency=0.1)
    domain, found = await probe("go.dev")
    print("+" if found else " ", domain)

asyncio.run(main())
