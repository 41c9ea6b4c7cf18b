import asyncio
import time

import slowdns

start = time.perf_counter()


def clock():
    return f"{time.perf_counter() - start:.1f} s"


async def main():
    slowdns.install(latency=1.0)     # a lookup that takes 1 s
    loop = asyncio.get_running_loop()
    lookup = asyncio.create_task(loop.getaddrinfo("go.dev", None))
    await asyncio.sleep(0.2)
    lookup.cancel()
    print(clock(), "lookup cancelled; getaddrinfo calls still running:",
          slowdns.in_flight)

asyncio.run(main())
print(clock(), "asyncio.run returned: it waited for the thread")
