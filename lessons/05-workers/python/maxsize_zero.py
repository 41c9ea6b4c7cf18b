"""asyncio.Queue(maxsize=0) has no limit: the opposite of Go's make(chan T)."""
import asyncio


async def main():
    unbounded = asyncio.Queue(maxsize=0)  # 0: no limit at all
    for i in range(1000):
        await unbounded.put(i)  # never waits, nobody reads
    print(f"maxsize=0: {unbounded.qsize()} items queued, full() is {unbounded.full()}")

    one = asyncio.Queue(maxsize=1)
    await one.put("probe0001.dev")
    try:
        await asyncio.wait_for(one.put("probe0002.dev"), timeout=0.1)
    except TimeoutError:
        print("maxsize=1: the second put waits until a consumer takes the first")


asyncio.run(main())
