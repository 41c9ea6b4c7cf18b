"""asyncio.Event: set once, it wakes every waiter, and stays set."""
import asyncio

import vclock


async def waiter(name, event):
    await event.wait()
    print(name, "woke")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(name, event)) for name in "abc"]
    await asyncio.sleep(0.1)
    event.set()
    await asyncio.gather(*tasks)
    await event.wait()  # already set: returns at once
    print("is_set:", event.is_set())


vclock.run(main())  # asyncio.run(main()) on a virtual clock
