import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()                 # an empty slot
    loop.call_later(1, fut.set_result, "ready")
    print(await fut)                           # ready, after 1 s

asyncio.run(main())
