import asyncio

async def work():
    print("  the Task runs")

async def no_wait():
    return 42                          # returns without suspending

async def main():
    task = asyncio.create_task(work())
    print("created the Task")
    await no_wait()                    # an await that does not suspend ...
    print("awaited a coroutine that did not suspend")
    await asyncio.sleep(0)             # ... and one that does
    print("awaited asyncio.sleep(0)")
    await task

asyncio.run(main())
