"""asyncio.shield: the wait gives up at the deadline; the fetch goes on."""
import asyncio

import vclock


async def fetch_url(url):
    await asyncio.sleep(0.4)  # httpbin.org's latency in the simulated world
    return url, 200


async def main():
    task = asyncio.create_task(fetch_url("https://httpbin.org/get"))
    try:
        await asyncio.wait_for(asyncio.shield(task), 0.3)
    except TimeoutError:
        print(f"gave up waiting at {vclock.now():.2f} s;",
              "task.cancelled():", task.cancelled())
    url, status = await task  # the shielded Task was never cancelled
    print(f"completed {url} {status} at {vclock.now():.2f} s")


vclock.run(main())  # asyncio.run(main()) on a virtual clock
