import asyncio


async def probe(domain, seconds):
    await asyncio.sleep(seconds)
    return domain


async def main():
    coros = [probe("slow.dev", 0.2), probe("fast.dev", 0.1)]
    for next_done in asyncio.as_completed(coros):
        print(next_done in coros, await next_done)

asyncio.run(main())
