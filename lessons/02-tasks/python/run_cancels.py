import asyncio

async def forever():
    try:
        await asyncio.sleep(3600)
    finally:
        print("forever: cancelled, cleaning up")

async def main():
    asyncio.create_task(forever())
    await asyncio.sleep(0)             # let it start
    print("main returns")

asyncio.run(main())
print("asyncio.run returned")
