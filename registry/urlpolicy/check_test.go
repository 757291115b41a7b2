package urlpolicy_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/urlpolicy"
)

// zone is a name server with fixed answers, so the tests decide what every
// host resolves to without touching the network. A host it does not know
// does not exist.
type zone map[string][]string

// failing answers every lookup with a name server's temporary failure.
const failing = "temporary failure"

func (z zone) LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error) {
	if err := ctx.Err(); err != nil {
		return nil, &net.DNSError{Err: err.Error(), Name: host, IsTimeout: true}
	}
	records, ok := z[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []net.IPAddr
	for _, r := range records {
		if r == failing {
			return nil, &net.DNSError{Err: "server misbehaving", Name: host, IsTemporary: true}
		}
		out = append(out, net.IPAddr{IP: net.ParseIP(r)})
	}
	return out, nil
}

// names is what the hosts in the tests resolve to.
var names = zone{
	"github.com":            {"140.82.112.3", "2606:50c0:8000::154"},
	"gitlab.com":            {"172.65.251.78"},
	"git.digital.gov.uk":    {"151.101.0.1"},
	"gov.uk":                {"151.101.0.2"},
	"evilgov.uk":            {"151.101.0.3"},
	"git.example.org":       {"93.184.215.14"},
	"xn--bcher-kva.example": {"93.184.215.15"},
	"intranet.example":      {"10.0.0.5"},
	"rebind.example":        {"140.82.112.3", "127.0.0.1"},
	"metadata.example":      {"169.254.169.254"},
	"mapped.example":        {"::ffff:192.168.0.1"},
	"ula.example":           {"fd12:3456::1"},
	"empty.example":         {},
	"flaky.example":         {failing},
}

func TestCheck(t *testing.T) {
	strict := urlpolicy.Policy{Resolver: names}
	withHTTP := urlpolicy.Policy{Schemes: []string{"HTTPS", "http"}, Resolver: names}
	govOnly := urlpolicy.Policy{Hosts: []string{"github.com", "*.gov.uk"}, Resolver: names}
	private := urlpolicy.Policy{AllowPrivate: true, Resolver: names}

	tests := []struct {
		name   string
		policy urlpolicy.Policy
		raw    string
		want   string // the normalised URL, when accepted
		code   string // the error code, when refused
		says   string // part of the refusal's message
	}{
		// Accepted, and normalised.
		{name: "plain", policy: strict, raw: "https://github.com/alphagov/govuk-frontend", want: "https://github.com/alphagov/govuk-frontend"},
		{name: "case and trailing slash", policy: strict, raw: "HTTPS://GitHub.COM/alphagov/GOVUK-frontend/", want: "https://github.com/alphagov/GOVUK-frontend"},
		{name: ".git is kept", policy: strict, raw: "https://github.com/a/b.git", want: "https://github.com/a/b.git"},
		{name: "default port dropped", policy: strict, raw: "https://github.com:443/a/b", want: "https://github.com/a/b"},
		{name: "other port kept", policy: strict, raw: "https://git.example.org:08443/a/b", want: "https://git.example.org:8443/a/b"},
		{name: "trailing dot on host", policy: strict, raw: "https://github.com./a", want: "https://github.com/a"},
		{name: "internationalised host", policy: strict, raw: "https://Bücher.example/a", want: "https://xn--bcher-kva.example/a"},
		{name: "encoded path kept", policy: strict, raw: "https://git.example.org/group/caf%C3%A9", want: "https://git.example.org/group/caf%C3%A9"},
		{name: "public IPv4", policy: strict, raw: "https://140.82.112.3/a", want: "https://140.82.112.3/a"},
		{name: "public IPv6", policy: strict, raw: "https://[2606:4700:0:0::1111]:443/a", want: "https://[2606:4700::1111]/a"},
		{name: "NAT64 of a public address", policy: strict, raw: "https://[64:ff9b::8c52:7003]/a", want: "https://[64:ff9b::8c52:7003]/a"},
		{name: "http when allowed", policy: withHTTP, raw: "http://github.com:80/a", want: "http://github.com/a"},
		{name: "allowed host", policy: govOnly, raw: "https://github.com/a", want: "https://github.com/a"},
		{name: "allowed by wildcard", policy: govOnly, raw: "https://git.digital.gov.uk/a", want: "https://git.digital.gov.uk/a"},
		{name: "private allowed: loopback literal", policy: private, raw: "https://127.0.0.1:8443/a", want: "https://127.0.0.1:8443/a"},
		{name: "private allowed: intranet name", policy: private, raw: "https://intranet.example/a", want: "https://intranet.example/a"},
		{name: "private allowed: metadata", policy: private, raw: "https://[fd00:ec2::254]/a", want: "https://[fd00:ec2::254]/a"},

		// The text.
		{name: "empty", policy: strict, raw: "", code: registry.EINVALID, says: "must not be empty"},
		{name: "too long", policy: strict, raw: "https://github.com/" + strings.Repeat("a", 2100), code: registry.EINVALID, says: "too long"},
		{name: "space", policy: strict, raw: "https://github.com/a b", code: registry.EINVALID, says: "spaces"},
		{name: "tab", policy: strict, raw: "https://github.com/a\tb", code: registry.EINVALID, says: "spaces"},
		{name: "newline", policy: strict, raw: "https://github.com/a\n", code: registry.EINVALID, says: "control characters"},
		{name: "zero-width space", policy: strict, raw: "https://git\u200bhub.com/a", code: registry.EINVALID, says: "invisible characters"},
		{name: "backslash", policy: strict, raw: `https://github.com\@intranet.example/a`, code: registry.EINVALID, says: "backslashes"},
		{name: "encoded space", policy: strict, raw: "https://github.com/a%20b", code: registry.EINVALID, says: "encoded spaces"},
		{name: "encoded control character", policy: strict, raw: "https://github.com/a%00b", code: registry.EINVALID, says: "encoded"},

		// Schemes and the forms only the operator may use.
		{name: "file URL", policy: strict, raw: "file:///srv/git/repo.git", code: registry.EINVALID, says: "file:// URLs can be named only in the operator's participants file"},
		{name: "ssh URL", policy: strict, raw: "ssh://git@github.com/a/b.git", code: registry.EINVALID, says: "ssh:// URLs can be named only in the operator's participants file"},
		{name: "scp-like", policy: strict, raw: "git@github.com:a/b.git", code: registry.EINVALID, says: "scp-like addresses (git@host:path) can be named only in the operator's participants file"},
		{name: "absolute path", policy: strict, raw: "/srv/git/repo.git", code: registry.EINVALID, says: "local paths can be named only in the operator's participants file"},
		{name: "relative path", policy: strict, raw: "../repo", code: registry.EINVALID, says: "local paths can be named only"},
		{name: "http by default", policy: strict, raw: "http://github.com/a", code: registry.EINVALID, says: "register an https:// URL"},
		{name: "git protocol", policy: strict, raw: "git://github.com/a/b", code: registry.EINVALID, says: "git:// URLs are not supported"},
		{name: "ftp", policy: strict, raw: "ftp://github.com/a", code: registry.EINVALID, says: "not supported"},
		{name: "gopher", policy: withHTTP, raw: "gopher://github.com/a", code: registry.EINVALID, says: "register an https:// or an http:// URL"},
		{name: "javascript", policy: strict, raw: "javascript:alert(1)", code: registry.EINVALID, says: "javascript: URLs are not supported"},
		{name: "one slash", policy: strict, raw: "https:/github.com/a", code: registry.EINVALID, says: "two slashes"},
		{name: "no scheme", policy: strict, raw: "github.com/a/b/", code: registry.EINVALID, says: "write https://github.com/a/b"},
		{name: "no scheme, with a port", policy: strict, raw: "git.example.org:8443/a", code: registry.EINVALID, says: "write https://git.example.org:8443/a"},

		// Credentials, queries, hosts, ports and paths.
		{name: "user and password", policy: strict, raw: "https://user:secret@github.com/a", code: registry.EINVALID, says: "credentials"},
		{name: "token as user", policy: strict, raw: "https://ghp_abc@github.com/a", code: registry.EINVALID, says: "credentials"},
		{name: "empty user", policy: strict, raw: "https://@github.com/a", code: registry.EINVALID, says: "credentials"},
		{name: "query", policy: strict, raw: "https://github.com/a?tab=readme", code: registry.EINVALID, says: "query"},
		{name: "empty query", policy: strict, raw: "https://github.com/a?", code: registry.EINVALID, says: "query"},
		{name: "fragment", policy: strict, raw: "https://github.com/a#readme", code: registry.EINVALID, says: "fragment"},
		{name: "no host", policy: strict, raw: "https:///a", code: registry.EINVALID, says: "must name a host"},
		{name: "no path", policy: strict, raw: "https://github.com/", code: registry.EINVALID, says: "must name a repository"},
		{name: "dot segments", policy: strict, raw: "https://github.com/a/../b", code: registry.EINVALID, says: ". or .. segments"},
		{name: "empty segment", policy: strict, raw: "https://github.com/a//b", code: registry.EINVALID, says: "empty"},
		{name: "port too large", policy: strict, raw: "https://github.com:99999/a", code: registry.EINVALID, says: "invalid port"},
		{name: "port zero", policy: strict, raw: "https://github.com:0/a", code: registry.EINVALID, says: "invalid port"},
		{name: "underscore in host", policy: strict, raw: "https://git_hub.com/a", code: registry.EINVALID, says: "not a valid host name"},
		{name: "IPv6 zone", policy: private, raw: "https://[fe80::1%25eth0]/a", code: registry.EINVALID, says: "network interface"},

		// Allowed hosts.
		{name: "host not allowed", policy: govOnly, raw: "https://gitlab.com/a", code: registry.EINVALID, says: "host gitlab.com is not one of the hosts"},
		{name: "wildcard does not match the bare domain", policy: govOnly, raw: "https://gov.uk/a", code: registry.EINVALID, says: "not one of the hosts"},
		{name: "wildcard is not a suffix match", policy: govOnly, raw: "https://evilgov.uk/a", code: registry.EINVALID, says: "not one of the hosts"},
		{name: "IP address of an allowed host", policy: govOnly, raw: "https://140.82.112.3/a", code: registry.EINVALID, says: "not one of the hosts"},

		// IP addresses written as such.
		{name: "loopback", policy: strict, raw: "https://127.0.0.1/a", code: registry.EINVALID, says: "127.0.0.1 is a loopback address"},
		{name: "loopback, other", policy: strict, raw: "https://127.8.9.10/a", code: registry.EINVALID, says: "loopback"},
		{name: "10/8", policy: strict, raw: "https://10.1.2.3/a", code: registry.EINVALID, says: "a private address"},
		{name: "172.16/12 start", policy: strict, raw: "https://172.16.0.1/a", code: registry.EINVALID, says: "a private address"},
		{name: "172.16/12 end", policy: strict, raw: "https://172.31.255.255/a", code: registry.EINVALID, says: "a private address"},
		{name: "just above 172.16/12", policy: strict, raw: "https://172.32.0.1/a", want: "https://172.32.0.1/a"},
		{name: "192.168/16", policy: strict, raw: "https://192.168.1.1/a", code: registry.EINVALID, says: "a private address"},
		{name: "metadata", policy: strict, raw: "https://169.254.169.254/latest/meta-data", code: registry.EINVALID, says: "a cloud metadata address"},
		{name: "Alibaba metadata", policy: strict, raw: "https://100.100.100.200/a", code: registry.EINVALID, says: "a cloud metadata address"},
		{name: "link-local", policy: strict, raw: "https://169.254.1.1/a", code: registry.EINVALID, says: "a link-local address"},
		{name: "CGNAT", policy: strict, raw: "https://100.64.0.1/a", code: registry.EINVALID, says: "carrier-grade NAT"},
		{name: "unspecified", policy: strict, raw: "https://0.0.0.0/a", code: registry.EINVALID, says: "unspecified"},
		{name: "this network", policy: strict, raw: "https://0.1.2.3/a", code: registry.EINVALID, says: "this-network"},
		{name: "broadcast", policy: strict, raw: "https://255.255.255.255/a", code: registry.EINVALID, says: "broadcast"},
		{name: "multicast", policy: strict, raw: "https://224.0.0.1/a", code: registry.EINVALID, says: "multicast"},
		{name: "reserved", policy: strict, raw: "https://240.0.0.1/a", code: registry.EINVALID, says: "reserved"},
		{name: "benchmarking", policy: strict, raw: "https://198.18.0.1/a", code: registry.EINVALID, says: "benchmarking"},
		{name: "TEST-NET-1", policy: strict, raw: "https://192.0.2.1/a", code: registry.EINVALID, says: "documentation"},
		{name: "TEST-NET-2", policy: strict, raw: "https://198.51.100.7/a", code: registry.EINVALID, says: "documentation"},
		{name: "TEST-NET-3", policy: strict, raw: "https://203.0.113.9/a", code: registry.EINVALID, says: "documentation"},
		{name: "IPv6 loopback", policy: strict, raw: "https://[::1]/a", code: registry.EINVALID, says: "::1 is a loopback address"},
		{name: "IPv6 unspecified", policy: strict, raw: "https://[::]/a", code: registry.EINVALID, says: "unspecified"},
		{name: "unique local", policy: strict, raw: "https://[fc00::1]/a", code: registry.EINVALID, says: "unique local"},
		{name: "AWS metadata over IPv6", policy: strict, raw: "https://[FD00:EC2::254]/a", code: registry.EINVALID, says: "fd00:ec2::254 is a cloud metadata address"},
		{name: "IPv6 link-local", policy: strict, raw: "https://[fe80::1]/a", code: registry.EINVALID, says: "link-local"},
		{name: "IPv6 multicast", policy: strict, raw: "https://[ff02::1]/a", code: registry.EINVALID, says: "multicast"},
		{name: "IPv6 documentation", policy: strict, raw: "https://[2001:db8::1]/a", code: registry.EINVALID, says: "documentation"},
		{name: "IPv4-mapped loopback", policy: strict, raw: "https://[::ffff:127.0.0.1]/a", code: registry.EINVALID, says: "loopback"},
		{name: "IPv4-mapped metadata in hex", policy: strict, raw: "https://[::ffff:a9fe:a9fe]/a", code: registry.EINVALID, says: "cloud metadata"},
		{name: "IPv4-compatible loopback", policy: strict, raw: "https://[::127.0.0.1]/a", code: registry.EINVALID, says: "reserved"},
		{name: "NAT64 of a private address", policy: strict, raw: "https://[64:ff9b::a00:1]/a", code: registry.EINVALID, says: "a private address"},
		{name: "6to4 of loopback", policy: strict, raw: "https://[2002:7f00:1::]/a", code: registry.EINVALID, says: "loopback"},

		// IPv4 addresses in other forms are refused, whatever they mean.
		{name: "decimal", policy: withHTTP, raw: "http://2130706433/a", code: registry.EINVALID, says: "a number in an unusual form"},
		{name: "hex and short", policy: strict, raw: "https://0x7f.1/a", code: registry.EINVALID, says: "unusual form"},
		{name: "hex", policy: strict, raw: "https://0x7f000001/a", code: registry.EINVALID, says: "unusual form"},
		{name: "octal", policy: strict, raw: "https://0177.0.0.1/a", code: registry.EINVALID, says: "unusual form"},
		{name: "short", policy: strict, raw: "https://127.1/a", code: registry.EINVALID, says: "unusual form"},
		{name: "leading zero", policy: strict, raw: "https://127.0.0.01/a", code: registry.EINVALID, says: "unusual form"},
		{name: "unusual even when private is allowed", policy: private, raw: "https://2130706433/a", code: registry.EINVALID, says: "unusual form"},
		{name: "full-width digits", policy: strict, raw: "https://１２７.０.０.１/a", code: registry.EINVALID, says: "127.0.0.1 is a loopback address"},

		// Names, looked up.
		{name: "resolves to private", policy: strict, raw: "https://intranet.example/a", code: registry.EINVALID, says: "host intranet.example resolves to a private address"},
		{name: "one answer of several private", policy: strict, raw: "https://rebind.example/a", code: registry.EINVALID, says: "resolves to a loopback address"},
		{name: "resolves to metadata", policy: strict, raw: "https://metadata.example/a", code: registry.EINVALID, says: "resolves to a cloud metadata address"},
		{name: "resolves to mapped private", policy: strict, raw: "https://mapped.example/a", code: registry.EINVALID, says: "resolves to a private address"},
		{name: "resolves to unique local", policy: strict, raw: "https://ula.example/a", code: registry.EINVALID, says: "unique local"},
		{name: "does not resolve", policy: strict, raw: "https://nowhere.example/a", code: registry.EINVALID, says: "cannot resolve host nowhere.example"},
		{name: "no addresses", policy: strict, raw: "https://empty.example/a", code: registry.EINVALID, says: "cannot resolve host empty.example"},
		{name: "does not resolve, private allowed", policy: private, raw: "https://nowhere.example/a", code: registry.EINVALID, says: "cannot resolve host nowhere.example"},
		{name: "name server failing", policy: strict, raw: "https://flaky.example/a", code: registry.EUNAVAILABLE, says: "try again later"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.policy.Check(t.Context(), tc.raw)
			type outcome struct{ URL, Code string }
			if diff := cmp.Diff(outcome{tc.want, tc.code}, outcome{got, registry.ErrorCode(err)}); diff != "" {
				t.Fatalf("Check(%q) (-want +got):\n%s\nerror: %v", tc.raw, diff, err)
			}
			if msg := registry.ErrorMessage(err); !strings.Contains(msg, tc.says) {
				t.Errorf("Check(%q) says %q, want it to say %q", tc.raw, msg, tc.says)
			}
		})
	}
}

// TestCheckRealLookup resolves "localhost" with the machine's own resolver
// (from /etc/hosts, no network): a host name that resolves to 127.0.0.1
// must be refused.
func TestCheckRealLookup(t *testing.T) {
	tests := []struct {
		name   string
		policy urlpolicy.Policy
		want   string
		code   string
	}{
		{name: "refused", policy: urlpolicy.Policy{}, code: registry.EINVALID},
		{name: "private allowed", policy: urlpolicy.Policy{AllowPrivate: true}, want: "https://localhost/group/repo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.policy.Check(t.Context(), "https://LocalHost/group/repo/")
			type outcome struct{ URL, Code string }
			if diff := cmp.Diff(outcome{tc.want, tc.code}, outcome{got, registry.ErrorCode(err)}); diff != "" {
				t.Fatalf("Check (-want +got):\n%s\nerror: %v", diff, err)
			}
			if err != nil && !strings.Contains(err.Error(), "host localhost resolves to a loopback address") {
				t.Errorf("Check says %q, want it to name localhost and loopback", err)
			}
		})
	}
}

// TestCheckCancelled checks that a lookup abandoned by the caller is not
// blamed on the participant's URL.
func TestCheckCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	p := urlpolicy.Policy{Resolver: names}
	_, err := p.Check(ctx, "https://github.com/a")
	if !errors.Is(err, context.Canceled) || registry.ErrorCode(err) != registry.EINTERNAL {
		t.Fatalf("Check with a cancelled context = %v (code %s), want context.Canceled, internal", err, registry.ErrorCode(err))
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		policy urlpolicy.Policy
		want   []string // parts of the error, none when valid
	}{
		{name: "zero", policy: urlpolicy.Policy{}},
		{name: "good", policy: urlpolicy.Policy{Schemes: []string{"https", "HTTP"}, Hosts: []string{"github.com", "*.gov.uk", "Bücher.example", "10.0.0.5"}}},
		{name: "other schemes", policy: urlpolicy.Policy{Schemes: []string{"https", "ssh", "file"}}, want: []string{`scheme "ssh"`, `scheme "file"`}},
		{name: "bad hosts", policy: urlpolicy.Policy{Hosts: []string{"https://github.com", "*.10.0.0.5", "*", "git_hub.com"}},
			want: []string{`"https://github.com"`, `"*.10.0.0.5"`, `"*"`, `"git_hub.com"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.policy.Validate()
			if (err != nil) != (len(tc.want) > 0) {
				t.Fatalf("Validate() = %v, want %d problems", err, len(tc.want))
			}
			for _, part := range tc.want {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("Validate() = %v, want it to mention %s", err, part)
				}
			}
		})
	}
}
