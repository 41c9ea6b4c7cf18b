// exercise: 3
// want: the run never ended: every goroutine was blocked for good
//
// A wrong solution of exercise 3, in the style of Go before wg.Go: two
// wg.Add, two goroutines, but only one of them calls wg.Done, so wg.Wait
// waits for ever. synctest sees it; the check must name the stuck wait,
// not end the test binary.
package main

func runWaitGroup(ctx context.Context, s *stage) error {
	var wg sync.WaitGroup
	var err1, err2 error
	wg.Add(2)
	go func() { err1 = sayAfter(ctx, s, longDelay*s.unit, "hello") }()
	go func() {
		defer wg.Done()
		err2 = sayAfter(ctx, s, shortDelay*s.unit, "world")
	}()
	wg.Wait()
	return errors.Join(err1, err2)
}
