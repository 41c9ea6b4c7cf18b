"""A producer and N workers on a bounded asyncio.Queue: the Python side of
-mode pool. Each lookup is simulated by a 100 ms sleep (pipeline.py asks a
real DNS server)."""
import asyncio
import time

LATENCY = 0.1  # seconds per lookup, as in the Go lesson's world


async def probe(name):
    await asyncio.sleep(LATENCY)
    return name


async def worker(queue, results):
    while True:
        name = await queue.get()  # waits while the queue is empty
        try:
            results.append(await probe(name))
        finally:
            queue.task_done()  # one fewer unfinished name for join()


async def main(n=60, workers=4, queue_size=10):
    queue = asyncio.Queue(maxsize=queue_size)
    results = []
    tasks = [asyncio.create_task(worker(queue, results)) for _ in range(workers)]
    start = time.monotonic()
    for i in range(1, n + 1):
        await queue.put(f"probe{i:04d}.dev")  # waits while the queue is full
    waited = time.monotonic() - start
    await queue.join()  # every name taken, and task_done called for each
    for t in tasks:
        t.cancel()  # the workers loop for ever: nothing else ends them
    await asyncio.gather(*tasks, return_exceptions=True)
    took = time.monotonic() - start
    print(f"{len(results)} names in {took:.1f}s on {workers} workers and a queue of {queue_size}")
    print(f"the producer waited {waited:.1f}s to hand out the last name")


asyncio.run(main())
