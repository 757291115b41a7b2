package urlpolicy_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/urlpolicy"
)

// guardedClient is an HTTP client wired the way the package example shows.
func guardedClient(p *urlpolicy.Policy) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:       nil,
			DialContext: p.DialContext(&net.Dialer{}),
		},
		CheckRedirect: p.CheckRedirect,
	}
}

// get fetches url and returns the body, or the code and message of the
// *registry.Error that stopped it ("" and the raw error for any other).
func get(t *testing.T, client *http.Client, url string) (body, code, message string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		var domain *registry.Error
		if !errors.As(err, &domain) {
			return "", "", err.Error()
		}
		return "", domain.Code, domain.Message
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return string(b), "", ""
}

func TestDialContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "inside")
	}))
	t.Cleanup(srv.Close)
	byName := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)

	tests := []struct {
		name   string
		policy urlpolicy.Policy
		url    string
		body   string
		code   string
		says   string
	}{
		{name: "loopback address refused", policy: urlpolicy.Policy{Schemes: []string{"http"}}, url: srv.URL,
			code: registry.EINVALID, says: "refused to connect to a loopback address"},
		{name: "name resolving to loopback refused", policy: urlpolicy.Policy{Schemes: []string{"http"}}, url: byName,
			code: registry.EINVALID, says: "refused to connect to a loopback address"},
		{name: "private allowed", policy: urlpolicy.Policy{Schemes: []string{"http"}, AllowPrivate: true}, url: srv.URL, body: "inside"},
		{name: "private allowed, by name", policy: urlpolicy.Policy{Schemes: []string{"http"}, AllowPrivate: true}, url: byName, body: "inside"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, code, message := get(t, guardedClient(&tc.policy), tc.url)
			type outcome struct{ Body, Code string }
			if diff := cmp.Diff(outcome{tc.body, tc.code}, outcome{body, code}); diff != "" {
				t.Fatalf("GET %s (-want +got):\n%s\nerror: %s", tc.url, diff, message)
			}
			if !strings.Contains(message, tc.says) {
				t.Errorf("GET %s failed with %q, want it to say %q", tc.url, message, tc.says)
			}
		})
	}
}

// TestDialContextKeepsBaseControl dials UDP, which sends nothing: the
// base dialer's Control refuses every connection, so reaching it shows the
// guard let a public address through and still ran the caller's hook.
func TestDialContextKeepsBaseControl(t *testing.T) {
	errBase := errors.New("refused by the base dialer")
	base := &net.Dialer{Control: func(network, address string, c syscall.RawConn) error { return errBase }}
	p := urlpolicy.Policy{}
	dial := p.DialContext(base)

	tests := []struct {
		addr string
		want error
	}{
		{addr: "8.8.8.8:53", want: errBase},
		{addr: "[2001:4860:4860::8888]:53", want: errBase},
		{addr: "127.0.0.1:53"},
		{addr: "[::ffff:10.0.0.1]:53"},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			conn, err := dial(t.Context(), "udp", tc.addr)
			if err == nil {
				conn.Close()
				t.Fatalf("dial %s succeeded, want it refused", tc.addr)
			}
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Errorf("dial %s = %v, want %v", tc.addr, err, tc.want)
				}
				return
			}
			if code := registry.ErrorCode(err); code != registry.EINVALID || errors.Is(err, errBase) {
				t.Errorf("dial %s = %v (code %s), want the guard's refusal", tc.addr, err, code)
			}
		})
	}
}

func TestCheckRedirect(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "moved here")
	}))
	t.Cleanup(target.Close)
	// The redirect names the target by another host name than the one the
	// first request used.
	redirector := httptest.NewServer(http.RedirectHandler(strings.Replace(target.URL, "127.0.0.1", "localhost", 1)+"/new", http.StatusMovedPermanently))
	t.Cleanup(redirector.Close)

	tests := []struct {
		name   string
		policy urlpolicy.Policy
		body   string
		code   string
		says   string
	}{
		{name: "to a host not allowed", policy: urlpolicy.Policy{Schemes: []string{"http"}, Hosts: []string{"127.0.0.1"}, AllowPrivate: true},
			code: registry.EINVALID, says: "host localhost is not one of the hosts"},
		{name: "to an allowed host", policy: urlpolicy.Policy{Schemes: []string{"http"}, Hosts: []string{"127.0.0.1", "localhost"}, AllowPrivate: true},
			body: "moved here"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, code, message := get(t, guardedClient(&tc.policy), redirector.URL)
			type outcome struct{ Body, Code string }
			if diff := cmp.Diff(outcome{tc.body, tc.code}, outcome{body, code}); diff != "" {
				t.Fatalf("GET %s (-want +got):\n%s\nerror: %s", redirector.URL, diff, message)
			}
			if !strings.Contains(message, tc.says) {
				t.Errorf("GET %s failed with %q, want it to say %q", redirector.URL, message, tc.says)
			}
		})
	}
}

func TestCheckRedirectRules(t *testing.T) {
	strict := urlpolicy.Policy{}
	tests := []struct {
		name   string
		policy urlpolicy.Policy
		to     string
		hops   int
		says   string // part of the refusal; "" when the redirect is followed
	}{
		{name: "git smart HTTP query", policy: strict, to: "https://github.com/a/b.git/info/refs?service=git-upload-pack"},
		{name: "down to http", policy: strict, to: "http://github.com/a", says: "register an https:// URL"},
		{name: "credentials", policy: strict, to: "https://user:pw@github.com/a", says: "credentials"},
		{name: "metadata address", policy: strict, to: "https://169.254.169.254/latest", says: "cloud metadata"},
		{name: "number in another form", policy: strict, to: "https://2852039166/latest", says: "unusual form"},
		{name: "metadata address, private allowed", policy: urlpolicy.Policy{AllowPrivate: true}, to: "https://169.254.169.254/latest"},
		{name: "too many", policy: strict, to: "https://github.com/a", hops: 10, says: "10 redirects"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tc.to, nil)
			via := make([]*http.Request, tc.hops)
			err := tc.policy.CheckRedirect(req, via)
			if (err != nil) != (tc.says != "") || err != nil && !strings.Contains(err.Error(), tc.says) {
				t.Errorf("CheckRedirect(%s) = %v, want an error saying %q", tc.to, err, tc.says)
			}
		})
	}
}

func TestContextGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hop" {
			http.Redirect(w, r, "http://127.0.0.1:1/inside", http.StatusFound)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	client := &http.Client{
		// No connection reuse: a guarded request must dial afresh for the
		// guard to see the address (a real client keeps guarded and
		// unguarded pools apart; see urlpolicy.Guarded).
		Transport: &http.Transport{Proxy: urlpolicy.ContextProxy, DialContext: urlpolicy.ContextDialContext(nil),
			DisableKeepAlives: true},
		CheckRedirect: urlpolicy.ContextCheckRedirect,
	}
	policy := &urlpolicy.Policy{Schemes: []string{"https", "http"}}
	get := func(ctx context.Context, path string) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := get(context.Background(), "/"); err != nil {
		t.Errorf("an unguarded request was refused: %v", err)
	}
	var refusal *registry.Error
	if err := get(policy.Guarding(context.Background()), "/"); !errors.As(err, &refusal) {
		t.Errorf("a guarded request reached loopback: %v", err)
	}
	if proxiedUnder(t, policy.Guarding(context.Background())) {
		t.Error("a guarded request would go through the environment's proxy")
	}
}

// proxiedUnder reports whether urlpolicy.ContextProxy would send a request
// made under ctx through a proxy, with one set in the environment.
func proxiedUnder(t *testing.T, ctx context.Context) bool {
	t.Helper()
	t.Setenv("HTTPS_PROXY", "http://proxy.example:3128")
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://example.org/x", nil)
	u, err := urlpolicy.ContextProxy(req)
	return err == nil && u != nil
}
