package discovery

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Rate-limit headers: GitHub's X-RateLimit-*, GitLab's RateLimit-*. Both
// give the reset as Unix seconds; GitLab adds RateLimit-ResetTime as an HTTP
// date. Gitea has none of its own, and Bitbucket's X-RateLimit-NearLimit
// gives no reset time: for those a 429's Retry-After, or a growing pause,
// has to do.
var (
	remainingHeaders = []string{"X-RateLimit-Remaining", "RateLimit-Remaining"}
	resetHeaders     = []string{"X-RateLimit-Reset", "RateLimit-Reset"}
)

// rateLimited reports whether r refuses the request for the rate limit, and
// how long to wait before asking again. GitHub answers 403 or 429 with
// X-RateLimit-Remaining: 0 for its primary limit, and 403 or 429 with
// Retry-After or a message for its secondary limits; the others answer 429.
// attempt counts the refusals so far, for the pause that doubles when the
// host does not say how long to wait.
func (c *call) rateLimited(r *response, attempt int) (time.Duration, bool) {
	switch r.status {
	case http.StatusTooManyRequests:
	case http.StatusForbidden:
		if !remainingZero(r.header) && r.header.Get("Retry-After") == "" &&
			!bytes.Contains(bytes.ToLower(r.body), []byte("rate limit")) {
			return 0, false
		}
	default:
		return 0, false
	}
	now := c.d.now()
	if wait, ok := retryAfter(r.header, now); ok {
		return max(wait, time.Second), true
	}
	if reset, ok := resetTime(r.header); ok && remainingZero(r.header) {
		return max(reset.Sub(now), time.Second), true
	}
	return time.Minute << attempt, true
}

// noteLimit remembers, from a successful answer, that no request is left
// before the reset, so that the next one waits for it instead of being
// refused.
func (c *call) noteLimit(r *response) {
	if !remainingZero(r.header) {
		return
	}
	if reset, ok := resetTime(r.header); ok && reset.After(c.d.now()) {
		c.resumeAt = reset
	}
}

// waitForLimit sleeps until the rate limit resets, or fails at once when
// that is further away than MaxWait.
func (c *call) waitForLimit(ctx context.Context) error {
	wait := c.resumeAt.Sub(c.d.now())
	if wait <= 0 {
		return nil
	}
	if wait > c.d.maxWait {
		return c.rateLimitError()
	}
	c.log.Info("waiting for the rate limit to reset", "wait", wait.String())
	if err := c.d.sleep(ctx, wait); err != nil {
		return fmt.Errorf("list repositories of %s: wait for the rate limit: %w", c.t, err)
	}
	c.resumeAt = time.Time{}
	return nil
}

func (c *call) rateLimitError() error {
	at := c.resumeAt.UTC()
	when := at.Format("15:04") + " UTC"
	if now := c.d.now().UTC(); at.YearDay() != now.YearDay() || at.Year() != now.Year() {
		when = at.Format("2 Jan 2006 15:04") + " UTC"
	}
	msg := fmt.Sprintf("rate limited by %s until %s: discovery will try again at the next crawl", c.api.Host, when)
	if c.token == "" {
		msg += fmt.Sprintf("; an access token configured for %s raises the limit", c.api.Host)
	}
	return failure(ErrRateLimited, msg)
}

func remainingZero(h http.Header) bool {
	for _, name := range remainingHeaders {
		if v := strings.TrimSpace(h.Get(name)); v != "" {
			return v == "0"
		}
	}
	return false
}

func resetTime(h http.Header) (time.Time, bool) {
	for _, name := range resetHeaders {
		if v, err := strconv.ParseInt(strings.TrimSpace(h.Get(name)), 10, 64); err == nil && v > 0 {
			return time.Unix(v, 0), true
		}
	}
	if t, err := http.ParseTime(h.Get("RateLimit-ResetTime")); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// retryAfter reads Retry-After, in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now), true
	}
	return 0, false
}
