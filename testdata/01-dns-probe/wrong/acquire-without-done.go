// exercise: 3
// want: the 23 names not yet started were all still looked up
//
// A wrong solution of exercise 3: acquire waits for a slot but not for
// ctx.Done(), so after Ctrl-C it still starts the remaining lookups.
package main

func (p *prober) acquire(ctx context.Context) bool {
	if p.slots == nil {
		return ctx.Err() == nil
	}
	p.slots <- struct{}{}
	return true
}
