"""A deadline for all three fetches at once: asyncio.timeout (Python 3.11+)."""
import asyncio

import vclock

# The simulated world's latencies, in seconds (internal/simnet/defaults.go).
# fetch_url sleeps for them instead of fetching, so this runs offline.
LATENCY = {
    "https://www.example.com": 0.25,
    "https://httpbin.org/get": 0.4,
    "https://www.python.org": 0.15,
}


async def fetch_url(url):
    await asyncio.sleep(LATENCY[url])  # stands in for: await client.get(url)
    return url, 200


async def main():
    tasks = [asyncio.create_task(fetch_url(url)) for url in LATENCY]
    try:
        async with asyncio.timeout(0.3):
            await asyncio.gather(*tasks)
    except TimeoutError as e:
        print("raised:", repr(e), "from", repr(e.__context__))
    for url, task in zip(LATENCY, tasks):
        if task.cancelled():
            print("cut      ", url)
        else:
            print("completed", url, task.result()[1])


vclock.run(main())  # asyncio.run(main()) on a virtual clock
