package urlpolicy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"

	"github.com/govshare/govshare/registry"
)

// Resolver looks host names up. *net.Resolver satisfies it; tests give a
// resolver whose answers they control.
type Resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
}

// Policy is the operator's rules for URLs that participants register. The
// zero value is the strict default: https only, any host with public
// addresses only, names looked up with net.DefaultResolver.
type Policy struct {
	// Schemes allowed for participant-registered URLs; default ["https"].
	// Only "https" and "http" can be allowed: they are the schemes whose
	// connections DialContext guards. Validate reports any other.
	Schemes []string
	// Hosts allowed; empty = any public host. Entries are host names
	// ("github.com"), which match only themselves, or "*.example.org",
	// which matches every name below example.org but not example.org
	// itself.
	Hosts []string
	// AllowPrivate lets URLs resolve to loopback, private, link-local,
	// metadata and other non-public addresses: the operator's choice, for
	// tests and intranets.
	AllowPrivate bool
	// Resolver looks hosts up; nil = net.DefaultResolver.
	Resolver Resolver
}

// webSchemes are the schemes a Policy can allow.
var webSchemes = []string{"https", "http"}

// Validate reports settings Check cannot honour: schemes other than https
// and http, and Hosts entries that are not host names or "*.name"
// patterns. Check ignores such settings; call Validate when loading the
// configuration so the operator hears about them.
func (p *Policy) Validate() error {
	var errs []error
	for _, s := range p.Schemes {
		if !slices.Contains(webSchemes, strings.ToLower(s)) {
			errs = append(errs, fmt.Errorf("scheme %q cannot be allowed for participants: only https and http connections can be guarded", s))
		}
	}
	for _, h := range p.Hosts {
		if _, _, err := hostPattern(h); err != nil {
			errs = append(errs, fmt.Errorf("allowed host %q: %w", h, err))
		}
	}
	return errors.Join(errs...)
}

// Check validates rawURL for a participant registration and returns it
// normalised: scheme and host lower-cased, an internationalised host in
// its ASCII (punycode) form, a trailing dot on the host, a default port and
// trailing slashes dropped. The path is kept as written, ".git" included:
// hosts differ in whether it matters, and the URL is the one that will be
// cloned.
//
// A refused URL gives a *registry.Error: EINVALID with a message saying
// what to change, or EUNAVAILABLE when the host's name servers did not
// answer. A cancelled ctx gives ctx's error, wrapped.
func (p *Policy) Check(ctx context.Context, rawURL string) (string, error) {
	u, err := p.parse(rawURL)
	if err != nil {
		return "", err
	}
	host, addr, err := p.checkHost(u.Hostname())
	if err != nil {
		return "", err
	}
	if err := p.checkAddresses(ctx, host, addr); err != nil {
		return "", err
	}
	u.Host = joinHostPort(host, addr, u.Scheme, u.Port())
	return u.String(), nil
}

// checkHost normalises a URL's host name and applies the host rules that
// need no lookup. addr is valid when the host is an IP address.
func (p *Policy) checkHost(raw string) (host string, addr netip.Addr, err error) {
	host, addr, err = normaliseHost(raw)
	if err != nil {
		return "", netip.Addr{}, err
	}
	if !p.hostAllowed(host) {
		return "", netip.Addr{}, registry.Errorf(registry.EINVALID,
			"host %s is not one of the hosts this registry accepts: ask the operator which code hosts are allowed", host)
	}
	return host, addr, nil
}

// hostAllowed reports whether host is on the allow-list, or the list is
// empty. Entries that are not valid patterns match nothing.
func (p *Policy) hostAllowed(host string) bool {
	if len(p.Hosts) == 0 {
		return true
	}
	for _, entry := range p.Hosts {
		name, wildcard, err := hostPattern(entry)
		switch {
		case err != nil:
		case wildcard && strings.HasSuffix(host, "."+name):
			return true
		case !wildcard && host == name:
			return true
		}
	}
	return false
}

// hostPattern parses an allow-list entry: a host name, or "*." and one.
func hostPattern(entry string) (name string, wildcard bool, err error) {
	name, wildcard = strings.CutPrefix(strings.TrimSpace(entry), "*.")
	host, addr, err := normaliseHost(name)
	if err != nil {
		return "", false, errors.New("not a host name or *.name pattern")
	}
	if wildcard && addr.IsValid() {
		return "", false, errors.New("a * pattern must end in a host name, not an IP address")
	}
	return host, wildcard, nil
}

// checkAddresses refuses host unless every address it has is public (or
// the policy allows private ones). A host that is an IP address is judged
// as it is; a name is looked up.
func (p *Policy) checkAddresses(ctx context.Context, host string, literal netip.Addr) error {
	if literal.IsValid() {
		if kind := nonPublic(literal); kind != "" && !p.AllowPrivate {
			return registry.Errorf(registry.EINVALID,
				"address %s is %s: only public addresses may be registered", host, kind)
		}
		return nil
	}
	resolver := p.Resolver
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	answers, err := resolver.LookupIPAddr(ctx, host)
	if err != nil {
		return lookupError(ctx, host, err)
	}
	if len(answers) == 0 {
		return registry.Errorf(registry.EINVALID, "cannot resolve host %s: it has no addresses", host)
	}
	if p.AllowPrivate {
		return nil
	}
	for _, answer := range answers {
		addr, ok := netip.AddrFromSlice(answer.IP)
		if !ok {
			return registry.Errorf(registry.EINVALID, "cannot resolve host %s: its name servers gave an invalid address", host)
		}
		// The address itself is not named: it is the operator's network
		// layout, and the participant needs only the reason.
		if kind := nonPublic(addr); kind != "" {
			return registry.Errorf(registry.EINVALID,
				"host %s resolves to %s: only hosts with public addresses may be registered", host, kind)
		}
	}
	return nil
}

// lookupError turns a failed lookup into an answer for the participant:
// a name that does not exist is their mistake, a name server that does not
// answer is nobody's and worth retrying.
func lookupError(ctx context.Context, host string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("resolve %s: %w", host, ctx.Err())
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && !dnsErr.IsNotFound && (dnsErr.IsTimeout || dnsErr.IsTemporary) {
		return registry.Errorf(registry.EUNAVAILABLE, "cannot resolve host %s at the moment: try again later", host)
	}
	return registry.Errorf(registry.EINVALID, "cannot resolve host %s: check the address", host)
}

// joinHostPort rebuilds a URL's host part, leaving out the scheme's
// default port.
func joinHostPort(host string, addr netip.Addr, scheme, port string) string {
	if addr.Is6() {
		host = "[" + host + "]"
	}
	if port == "" || scheme == "https" && port == "443" || scheme == "http" && port == "80" {
		return host
	}
	return host + ":" + port
}
