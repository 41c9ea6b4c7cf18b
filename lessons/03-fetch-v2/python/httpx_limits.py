import asyncio

import httpx

in_flight = most = 0
last_arrival = 0.0

async def slow_page(reader, writer):   # a tiny HTTP server: a page answers once
    global in_flight, most, last_arrival   # no request has come for 0.3 s, so
    loop = asyncio.get_running_loop()      # every request the client lets
    while (await reader.readline()).strip():   # through is in flight at once
        pass
    in_flight += 1
    most = max(most, in_flight)
    last_arrival = loop.time()
    while loop.time() - last_arrival < 0.3:
        await asyncio.sleep(0.05)
    in_flight -= 1
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(slow_page, "127.0.0.1", 0, backlog=200)
    url = "http://127.0.0.1:%d/" % server.sockets[0].getsockname()[1]
    async with httpx.AsyncClient() as client:
        print("timeout:", client.timeout)
        responses = await asyncio.gather(*(client.get(url) for _ in range(150)))
    server.close()
    print(len(responses), "requests, at most", most, "at once")

asyncio.run(main())
