import asyncio
import httpx

async def fetch_url(url, client):
    response = await client.get(url)
    response.raise_for_status()
    return url, response.status_code, len(response.content)

async def main():
    urls = ["https://www.example.com", "https://httpbin.org/get", "https://www.python.org"]
    async with httpx.AsyncClient() as client:
        results = await asyncio.gather(*(fetch_url(url, client) for url in urls),
                                       return_exceptions=True)
    for i, result in enumerate(results):          # input order
        print(f"results[{i}]", result)

asyncio.run(main())
