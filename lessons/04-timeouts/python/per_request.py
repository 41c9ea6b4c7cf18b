"""A deadline for each fetch: asyncio.wait_for, one URL after the other."""
import asyncio

import vclock

LATENCY = {
    "https://www.example.com": 0.25,
    "https://httpbin.org/get": 0.4,
    "https://www.python.org": 0.15,
}


async def fetch_url(url):
    await asyncio.sleep(LATENCY[url])  # stands in for: await client.get(url)
    return url, 200


async def main():
    for url in LATENCY:
        try:
            url, status = await asyncio.wait_for(fetch_url(url), 0.3)
            print("completed", url, status)
        except TimeoutError:
            print("cut      ", url, "after its own 0.3 s")
    print(f"took {vclock.now():.2f} s")


vclock.run(main())  # asyncio.run(main()) on a virtual clock
