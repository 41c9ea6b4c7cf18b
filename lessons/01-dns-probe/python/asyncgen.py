import asyncio
import socket

import slowdns


async def probe(domain):
    loop = asyncio.get_running_loop()
    try:
        await loop.getaddrinfo(domain, None)
    except socket.gaierror:
        return domain, False
    return domain, True


async def completed(domains):
    """An async generator: it yields each result to its consumer."""
    for next_done in asyncio.as_completed([probe(d) for d in domains]):
        yield await next_done


async def main():
    slowdns.install(latencies={"go.dev": 0.3, "for.dev": 0.1, "python.org": 0.2})
    async for domain, found in completed(["go.dev", "for.dev", "python.org"]):
        print("+" if found else " ", domain)

asyncio.run(main())
