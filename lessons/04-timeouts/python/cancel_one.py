"""Cancel one Task; the others go on. finally runs however a Task ends."""
import asyncio

import vclock

LATENCY = {
    "https://www.example.com": 0.25,
    "https://httpbin.org/get": 0.4,
    "https://www.python.org": 0.15,
}


async def fetch_url(url):
    try:
        await asyncio.sleep(LATENCY[url])  # stands in for: await client.get(url)
        print("completed", url)
        return url, 200
    except asyncio.CancelledError:
        print("cut      ", url, "(CancelledError)")
        raise  # a Task that swallows CancelledError is not cancelled
    finally:
        print("finally  ", url)


async def main():
    tasks = {url: asyncio.create_task(fetch_url(url)) for url in LATENCY}
    await asyncio.sleep(0.2)
    print("cancel   ", "https://httpbin.org/get")
    tasks["https://httpbin.org/get"].cancel()
    results = await asyncio.gather(*tasks.values(), return_exceptions=True)
    print([type(r).__name__ for r in results])


vclock.run(main())  # asyncio.run(main()) on a virtual clock
