package ui

import (
	"math"
	"sync"
	"time"
)

// Limits bounds how many requests of a kind one client may make a minute.
// Each is a token bucket that holds a minute's worth and refills evenly, so
// a client may spend a minute's allowance at once and then waits. A zero
// field takes its default.
type Limits struct {
	// SignIn is sign-in attempts per client address; default 10.
	SignIn int
	// Writes is writes per token (or session); default 60.
	Writes int
	// AddressWrites is writes per client address, whoever makes them;
	// default 120.
	AddressWrites int
	// Webhooks is webhook deliveries per client address; default 600. Code
	// hosts send every repository's pushes from a few addresses.
	Webhooks int
}

// withDefaults fills the zero fields.
func (l Limits) withDefaults() Limits {
	if l.SignIn <= 0 {
		l.SignIn = 10
	}
	if l.Writes <= 0 {
		l.Writes = 60
	}
	if l.AddressWrites <= 0 {
		l.AddressWrites = 120
	}
	if l.Webhooks <= 0 {
		l.Webhooks = 600
	}
	return l
}

// rateLimits are the server's buckets, one limiter per kind of request.
type rateLimits struct {
	signIn        *rateLimiter
	writes        *rateLimiter
	addressWrites *rateLimiter
	webhooks      *rateLimiter
}

func newRateLimits(l Limits, clock func() time.Time) rateLimits {
	return rateLimits{
		signIn:        newRateLimiter(l.SignIn, clock),
		writes:        newRateLimiter(l.Writes, clock),
		addressWrites: newRateLimiter(l.AddressWrites, clock),
		webhooks:      newRateLimiter(l.Webhooks, clock),
	}
}

// maxBuckets is how many keys a limiter tracks before it forgets the full
// buckets, which are no different from new ones: memory stays bounded by
// the clients active within about a minute.
const maxBuckets = 10_000

// rateLimiter is a set of token buckets, one per key (a client address, a
// token), in memory: limits are per process.
type rateLimiter struct {
	perMinute float64
	clock     func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

// bucket is one key's allowance: tokens left at a moment.
type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(perMinute int, clock func() time.Time) *rateLimiter {
	return &rateLimiter{perMinute: float64(perMinute), clock: clock, buckets: map[string]*bucket{}}
}

// allow spends one token of key's bucket. When the bucket is empty it
// spends nothing and returns how long until a token is back.
func (l *rateLimiter) allow(key string) (wait time.Duration, ok bool) {
	now := l.clock()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.forgetFull(now)
		}
		b = &bucket{tokens: l.perMinute, at: now}
		l.buckets[key] = b
	}
	l.refill(b, now)
	if b.tokens < 1 {
		perToken := time.Duration(float64(time.Minute) / l.perMinute)
		return time.Duration(math.Ceil((1 - b.tokens) * float64(perToken))), false
	}
	b.tokens--
	return 0, true
}

// refill adds the tokens earned since the bucket was last seen.
func (l *rateLimiter) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = min(l.perMinute, b.tokens+elapsed.Minutes()*l.perMinute)
		b.at = now
	}
}

// forgetFull drops the buckets that have refilled completely.
func (l *rateLimiter) forgetFull(now time.Time) {
	for key, b := range l.buckets {
		l.refill(b, now)
		if b.tokens >= l.perMinute {
			delete(l.buckets, key)
		}
	}
}
