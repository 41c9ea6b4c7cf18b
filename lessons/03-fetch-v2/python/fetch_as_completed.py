import asyncio
import httpx

async def fetch_url(url, client):
    response = await client.get(url)
    return url, response

async def main():
    urls = ["https://www.example.com", "https://httpbin.org/get", "https://www.python.org"]
    async with httpx.AsyncClient() as client:
        coros = [fetch_url(url, client) for url in urls]
        for next_done in asyncio.as_completed(coros):
            url, response = await next_done          # whichever finishes next
            print(url, response.status_code, len(response.content))

asyncio.run(main())
