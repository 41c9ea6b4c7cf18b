import asyncio
import httpx

async def fetch_url(url, client):
    response = await client.get(url)
    print(url, response.status_code, len(response.content))
    return url, response

async def main():
    urls = ["https://www.example.com", "https://httpbin.org/get", "https://www.python.org"]
    async with httpx.AsyncClient() as client:          # closed at the end of the block
        tasks = [asyncio.create_task(fetch_url(url, client)) for url in urls]
        for i, task in enumerate(tasks, start=1):
            url, response = await task                  # in creation order
            print(f"main res{i}:", response.status_code, len(response.content))

asyncio.run(main())
