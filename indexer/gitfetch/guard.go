package gitfetch

import (
	"net"
	"net/http"
	"sync"
	"time"

	gitclient "github.com/go-git/go-git/v5/plumbing/transport/client"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"

	"github.com/govshare/govshare/registry/urlpolicy"
)

// InstallGuardedHTTP makes go-git's HTTP(S) transport dial through
// urlpolicy's context guard: a fetch under a context from
// urlpolicy.Policy.Guarding (a participant's repository) cannot connect,
// or be redirected, to a private address, whatever its name resolves to by
// then; any other fetch is unchanged. go-git keeps its transports in a
// process-wide table, so a program calls this once, before it crawls;
// calling it again does nothing.
func InstallGuardedHTTP() { installGuardedHTTP.Do(installGuarded) }

// installGuardedHTTP guards the one write to go-git's global table: a
// second write while a crawl reads it would be a data race.
var installGuardedHTTP sync.Once

func installGuarded() {
	newTransport := func() *http.Transport {
		return &http.Transport{
			Proxy:                 urlpolicy.ContextProxy,
			DialContext:           urlpolicy.ContextDialContext(&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}),
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 2 * time.Minute,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConns:          100,
		}
	}
	transport := githttp.NewClient(&http.Client{
		Transport:     splitTransport{plain: newTransport(), guarded: newTransport()},
		CheckRedirect: urlpolicy.ContextCheckRedirect,
	})
	gitclient.InstallProtocol("https", transport)
	gitclient.InstallProtocol("http", transport)
}

// splitTransport keeps guarded and unguarded requests in separate
// connection pools, so that a guarded request never reuses a connection
// that was opened without the check.
type splitTransport struct{ plain, guarded http.RoundTripper }

func (s splitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if urlpolicy.Guarded(req.Context()) {
		return s.guarded.RoundTrip(req)
	}
	return s.plain.RoundTrip(req)
}
