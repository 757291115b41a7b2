package urlpolicy

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"github.com/govshare/govshare/registry"
)

// maxRedirects is how many redirects CheckRedirect follows, as many as
// net/http does by default.
const maxRedirects = 10

// DialContext returns a dial function for http.Transport.DialContext that
// refuses, at connect time, every connection to an address Check would
// refuse, so a name that resolved to a public address at registration and
// to a private one at fetch time (DNS rebinding) still cannot reach it. The
// check runs on the address actually being connected to, after the
// dialer's own lookup, for every address it tries.
//
// base is copied, not changed; nil means a zero net.Dialer. Its Control or
// ControlContext still runs, after the check. When the policy allows
// private addresses the copy dials without a check. The policy is read
// when DialContext is called: later changes to p do not affect the
// returned function.
//
// A refused connection fails with a *registry.Error (EINVALID), wrapped by
// net.OpError and url.Error: errors.As finds it. The transport's Proxy must
// be nil, or the check guards only the connection to the proxy; see the
// example.
func (p *Policy) DialContext(base *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := new(net.Dialer)
	if base != nil {
		*d = *base
	}
	if p.AllowPrivate {
		return d.DialContext
	}
	control, controlContext := d.Control, d.ControlContext
	d.Control = nil
	d.ControlContext = func(ctx context.Context, network, address string, c syscall.RawConn) error {
		if err := checkConnection(network, address); err != nil {
			return err
		}
		switch {
		case controlContext != nil:
			return controlContext(ctx, network, address, c)
		case control != nil:
			return control(network, address, c)
		}
		return nil
	}
	return d.DialContext
}

// checkConnection refuses a connection to a non-public address. address
// is the "ip:port" the dialer is about to connect to.
func checkConnection(network, address string) error {
	if !strings.HasPrefix(network, "tcp") && !strings.HasPrefix(network, "udp") {
		return registry.Errorf(registry.EINVALID, "refused to connect over %s: only network connections are allowed", network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return registry.Errorf(registry.EINVALID, "refused to connect to %q: not an IP address and port", address)
	}
	if kind := nonPublic(ap.Addr()); kind != "" {
		return registry.Errorf(registry.EINVALID,
			"refused to connect to %s: participants' sources may reach only public addresses", kind)
	}
	return nil
}

// CheckRedirect is an http.Client.CheckRedirect function that applies the
// rules on scheme, credentials, host form and allowed hosts to every
// redirect, so a host on the allow-list cannot send a fetch to one that is
// not, nor from https down to a scheme the policy does not allow. It does
// not look the host up: DialContext judges the addresses when it connects.
// A redirect URL may have a query; git's smart HTTP protocol uses one.
func (p *Policy) CheckRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errors.New("stopped after 10 redirects")
	}
	u := req.URL
	if err := p.checkScheme(strings.ToLower(u.Scheme)); err != nil {
		return err
	}
	if u.User != nil {
		return registry.Errorf(registry.EINVALID, "refused a redirect to a URL with credentials")
	}
	host, addr, err := p.checkHost(u.Hostname())
	if err != nil {
		return err
	}
	if kind := nonPublic(addr); addr.IsValid() && kind != "" && !p.AllowPrivate {
		return registry.Errorf(registry.EINVALID, "refused a redirect to %s, %s", host, kind)
	}
	return nil
}

type guardKey struct{}

// Guarding returns ctx carrying the policy: connections and redirects made
// under it through a client built with ContextDialContext and
// ContextCheckRedirect are held to the policy's rules. This is how one
// process-wide HTTP client (go-git keeps its transports in a global table)
// can fetch a participant's repository guarded and the operator's own
// unguarded: the context of each fetch decides.
func (p *Policy) Guarding(ctx context.Context) context.Context {
	return context.WithValue(ctx, guardKey{}, p)
}

// Guarded reports whether ctx carries a policy (see Guarding). A transport
// must keep the connections of guarded and unguarded requests apart: a
// guarded request reusing a connection an unguarded one opened would skip
// the check.
func Guarded(ctx context.Context) bool { return guardOf(ctx) != nil }

func guardOf(ctx context.Context) *Policy {
	p, _ := ctx.Value(guardKey{}).(*Policy)
	return p
}

// ContextDialContext dials like base, checking each address against the
// policy the context carries (see Guarding); with none, it does not check.
func ContextDialContext(base *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	plain := new(net.Dialer)
	if base != nil {
		*plain = *base
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if p := guardOf(ctx); p != nil {
			return p.DialContext(plain)(ctx, network, addr)
		}
		return plain.DialContext(ctx, network, addr)
	}
}

// ContextCheckRedirect applies the redirect rules of the policy the
// request's context carries (see Guarding); with none, it only stops
// after 10 redirects, as net/http does by default.
func ContextCheckRedirect(req *http.Request, via []*http.Request) error {
	if p := guardOf(req.Context()); p != nil {
		return p.CheckRedirect(req, via)
	}
	if len(via) >= maxRedirects {
		return errors.New("stopped after 10 redirects")
	}
	return nil
}

// ContextProxy is an http.Transport Proxy function: the environment's
// proxy for unguarded requests, none for guarded ones, whose guard must
// see the real address it connects to.
func ContextProxy(req *http.Request) (*url.URL, error) {
	if guardOf(req.Context()) != nil {
		return nil, nil
	}
	return http.ProxyFromEnvironment(req)
}
