"""A hedged request: ask one mirror, and after a delay the other too."""
import asyncio

import vclock

MIRRORS = {
    "https://eu.mirror.example/go.tar.gz": 0.4,  # slow today
    "https://us.mirror.example/go.tar.gz": 0.12,
}


async def fetch_url(url):
    try:
        await asyncio.sleep(MIRRORS[url])  # stands in for: await client.get(url)
        return url, 200
    except asyncio.CancelledError:
        print(f"cancelled {url} at {vclock.now():.2f} s")
        raise


async def hedged(primary, backup, delay):
    first = asyncio.create_task(fetch_url(primary))
    done, _ = await asyncio.wait({first}, timeout=delay)  # does not cancel
    if done:
        return first.result()
    print(f"hedge     {backup} at {vclock.now():.2f} s")
    second = asyncio.create_task(fetch_url(backup))
    done, pending = await asyncio.wait(
        {first, second}, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return done.pop().result()


async def main():
    url, status = await hedged(*MIRRORS, delay=0.1)
    print(f"completed {url} {status} at {vclock.now():.2f} s")


vclock.run(main())  # asyncio.run(main()) on a virtual clock
