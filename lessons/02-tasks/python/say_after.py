import asyncio
import time

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def in_turn():
    print("started at", time.strftime("%X"))
    await say_after(1, "hello")        # runs to its end ...
    await say_after(2, "world")        # ... before this one starts
    print("finished at", time.strftime("%X"))

async def as_tasks():
    hello = asyncio.create_task(say_after(2, "hello"))
    world = asyncio.create_task(say_after(1, "world"))
    print("started at", time.strftime("%X"))
    await hello                        # both Tasks sleep while we wait here
    await world                        # already done: returns at once
    print("finished at", time.strftime("%X"))

asyncio.run(as_tasks())
