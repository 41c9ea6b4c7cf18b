"""asyncio.Semaphore: a Task for every name at once, at most 10 in a lookup.
The Python side of -mode spawn."""
import asyncio


async def probe(name):
    await asyncio.sleep(0.001)
    return name


async def main(n=1000, limit=10):
    sem = asyncio.Semaphore(limit)
    peak = 0

    async def limited(name):
        nonlocal peak
        async with sem:  # waits for one of the limit slots
            peak = max(peak, len(asyncio.all_tasks()))
            return await probe(name)

    tasks = [asyncio.create_task(limited(f"probe{i:04d}.dev")) for i in range(1, n + 1)]
    results = await asyncio.gather(*tasks)
    print(f"{len(results)} names, {limit} at a time: {peak} Tasks alive at once (main's included)")


asyncio.run(main())
