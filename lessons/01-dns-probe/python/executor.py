import asyncio
import os
import sys
import time

import slowdns

count = int(sys.argv[1]) if len(sys.argv) > 1 else 35
latency = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2


async def main():
    slowdns.install(latency=latency)  # each getaddrinfo sleeps this long
    loop = asyncio.get_running_loop()
    names = [f"name{i}.dev" for i in range(count)]
    start = time.perf_counter()
    await asyncio.gather(*(loop.getaddrinfo(name, None) for name in names),
                         return_exceptions=True)
    took = time.perf_counter() - start
    threads = min(32, (os.cpu_count() or 1) + 4)   # the default executor
    print(f"{os.cpu_count()} CPUs: the default executor has {threads} threads")
    print(f"{count} lookups of {latency} s, at most {slowdns.most_in_flight} at once")
    rounds = round(took / latency)
    print(f"took {rounds} rounds of {latency} s ({rounds * latency:.1f} s), not one")

asyncio.run(main())
