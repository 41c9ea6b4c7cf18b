package main

// This file is lesson 03's fetchURL, unchanged: every deadline and every
// cancel of this lesson reaches the request through ctx, so fetching one URL
// needs no timeout code of its own.

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
// Every wait in it (dial, headers, body) ends when ctx is cancelled or its
// deadline passes. It never panics: every failure is in the
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
	// Closing the body hands the connection back to the client (or closes
	// it if the body was not read to the end): without it, every fetch
	// would keep a connection and two goroutines busy.
	defer resp.Body.Close()
	r.Status = resp.Status

	// Count at most MaxBody+1 bytes: one byte more than allowed proves the
	// body is too large. Only the count is printed, so the bytes are not
	// kept: 1,000 bodies of 1 MiB would hold 1 GB.
	r.Size, err = io.Copy(io.Discard, io.LimitReader(resp.Body, c.MaxBody+1))
	switch {
	case err != nil:
		r.Err = c.ExplainBody(ctx, err, r.Size, resp.ContentLength)
	case r.Size > c.MaxBody:
		r.Size = c.MaxBody
		r.Err = c.TooLarge()
	case resp.StatusCode >= 400:
		r.Err = fetch.StatusError(resp.StatusCode)
	}
	return r
}
