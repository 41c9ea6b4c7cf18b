package main

// This file is the same in 03-fetch-v1, v2 and v3, as fetch_url is the same
// in Python's three versions: how one URL is fetched does not change, only
// how the fetches are awaited (collect.go).

import (
	"context"
	"io"
	"net/http"

	"goasync.dev/workbook/internal/fetch"
)

// fetchURL GETs rawURL with the shared client c and reads its body. It is
// Python's
//
//	async def fetch_url(url, client):
//	    response = await client.get(url)
//	    return url, response
//
// Every wait in it (dial, headers, body) ends when ctx is cancelled or the
// client's -timeout passes. It never panics: every failure is in the
// result, explained (internal/fetch words the explanations).
func fetchURL(ctx context.Context, c *fetch.Client, rawURL string) (r fetch.Result) {
	r.URL = rawURL
	if r.Err = fetch.CheckURL(rawURL); r.Err != nil {
		return r
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		r.Err = err
		return r
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		r.Err = c.Explain(ctx, req.URL.Hostname(), err)
		return r
	}
	//exercise:3 nothing closes resp.Body, so a body that is not
	//exercise:3 read to the end keeps its connection (and two goroutines) busy for
	//exercise:3 ever. Close it when fetchURL returns.
	// Closing the body hands the connection back to the client (or closes
	// it if the body was not read to the end): without it, every fetch
	// would keep a connection and two goroutines busy.
	defer resp.Body.Close()
	//exercise:end
	r.Status = resp.Status

	//exercise:2 this reads the whole body, however large: a 1 GiB
	//exercise:2 body is downloaded to its last byte, only to be counted. Count
	//exercise:2 through io.LimitReader, at most c.MaxBody+1 bytes, and if you got
	//exercise:2 more than c.MaxBody, report c.MaxBody and set r.Err to
	//exercise:2 c.TooLarge(), which names -max-body.
	// Count at most MaxBody+1 bytes: one byte more than allowed proves the
	// body is too large. Only the count is printed, so the bytes are not
	// kept: 1,000 bodies of 1 MiB would hold 1 GB.
	r.Size, err = io.Copy(io.Discard, io.LimitReader(resp.Body, c.MaxBody+1))
	//exercise:shipped r.Size, err = io.Copy(io.Discard, resp.Body)
	//exercise:end
	switch {
	case err != nil:
		r.Err = c.ExplainBody(ctx, err, r.Size, resp.ContentLength)
	//exercise:2
	case r.Size > c.MaxBody:
		r.Size = c.MaxBody
		r.Err = c.TooLarge()
	//exercise:end
	case resp.StatusCode >= 400:
		r.Err = fetch.StatusError(resp.StatusCode)
	}
	return r
}
