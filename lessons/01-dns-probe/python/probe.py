import asyncio
import socket
from keyword import kwlist


async def probe(domain):
    loop = asyncio.get_running_loop()
    try:
        await loop.getaddrinfo(domain, None)
    except socket.gaierror:          # any failure, not only "no such name"
        return domain, False
    return domain, True              # it resolves: somebody has it


async def main():
    domains = [f"{kw}.dev".lower() for kw in kwlist]
    for next_done in asyncio.as_completed([probe(d) for d in domains]):
        domain, found = await next_done
        print("+" if found else " ", domain)

asyncio.run(main())
