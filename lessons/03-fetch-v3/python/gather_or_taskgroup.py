import asyncio

async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise RuntimeError(f"{name} failed")
        print(f"  {name} finished")
    except asyncio.CancelledError:
        print(f"  {name} cancelled")
        raise

async def with_gather():
    try:
        await asyncio.gather(job("a", 0.01, fail=True), job("b", 0.2), job("c", 0.3))
    except RuntimeError as err:
        print("gather raised the first error:", err)
    await asyncio.sleep(0.4)           # b and c run on
    print("gather: the siblings ran to their end")

async def with_task_group():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("a", 0.01, fail=True))
            tg.create_task(job("b", 0.01, fail=True))
            tg.create_task(job("c", 1.0))
    except* RuntimeError as group:
        print("TaskGroup raised", repr(group))

async def main():
    print("asyncio.gather:")
    await with_gather()
    print("asyncio.TaskGroup:")
    await with_task_group()

asyncio.run(main())
