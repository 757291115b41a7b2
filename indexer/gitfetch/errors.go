package gitfetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// The kinds of failure. Every error from this package wraps one of them, so
// callers can tell "try again later" from "fix the registration".
var (
	ErrNotFound      = errors.New("repository not found")
	ErrAuthRequired  = errors.New("the host asks for credentials: the repository is private, or does not exist")
	ErrEmpty         = errors.New("the repository is empty")
	ErrNotRepository = errors.New("not a git repository")
	ErrUnreachable   = errors.New("cannot reach the host")
	ErrTimeout       = errors.New("timed out")
	ErrTooLarge      = errors.New("the repository is too large")
	ErrCorrupt       = errors.New("the repository is damaged or incomplete")
)

// classify turns go-git's and the network's errors into one of the kinds
// above, keeping the detail a person needs and dropping the rest.
func classify(ctx context.Context, doing string, err error, timeout time.Duration) error {
	var netErr net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	msg := err.Error()
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%w: %s: no answer within %s", ErrTimeout, doing, timeout)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", doing, context.Canceled)
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("%s: %w", doing, ErrAuthRequired)
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("%s: %w (it may be private, renamed or deleted)", doing, ErrNotFound)
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return fmt.Errorf("%s: %w: it has no commits", doing, ErrEmpty)
	case errors.Is(err, plumbing.ErrObjectNotFound):
		return fmt.Errorf("%s: %w: an object is missing (%v)", doing, ErrCorrupt, err)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("%s: %w: no such host %s", doing, ErrUnreachable, dnsErr.Name)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return fmt.Errorf("%s: %w: %v", doing, ErrUnreachable, opErr.Err)
	case errors.As(err, &netErr):
		return fmt.Errorf("%s: %w: %v", doing, ErrUnreachable, err)
	case strings.Contains(msg, "does not appear to be a git repository"),
		strings.Contains(msg, "not a git repository"),
		strings.Contains(msg, "unexpected content-type"),
		strings.Contains(msg, "invalid pkt-len"):
		return fmt.Errorf("%s: %w", doing, ErrNotRepository)
	case strings.Contains(msg, "repository not found"):
		return fmt.Errorf("%s: %w (it may be private, renamed or deleted)", doing, ErrNotFound)
	case strings.Contains(msg, "unpack error"), strings.Contains(msg, "object not found"),
		strings.Contains(msg, "missing object"), strings.Contains(msg, "pack-objects died"),
		strings.Contains(msg, "upload-pack: not our ref"),
		strings.Contains(msg, "repository corruption"):
		return fmt.Errorf("%s: %w: %v", doing, ErrCorrupt, err)
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// byteSize formats n bytes for people: 2 GiB, 64 MiB, 512 KiB.
func byteSize(n int64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB"}
	v := float64(n)
	i := 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[i])
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}
