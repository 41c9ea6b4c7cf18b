import asyncio

import httpx

in_flight = most = 0

async def slow_page(reader, writer):   # a tiny HTTP server: every page answers after 500 ms
    global in_flight, most
    while (await reader.readline()).strip():   # read the request, up to its blank line
        pass
    in_flight += 1
    most = max(most, in_flight)
    await asyncio.sleep(0.5)
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
