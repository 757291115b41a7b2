package urlpolicy_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/urlpolicy"
)

// The registration API checks a participant's URL before storing it, and
// shows the message of a refusal as it is.
func ExamplePolicy_Check() {
	policy := &urlpolicy.Policy{}
	for _, raw := range []string{
		"https://169.254.169.254/latest/meta-data",
		"git@github.com:alphagov/govuk-frontend.git",
		"https://token@github.com/alphagov/govuk-frontend",
	} {
		_, err := policy.Check(context.Background(), raw)
		fmt.Printf("%s: %s\n", registry.ErrorCode(err), registry.ErrorMessage(err))
	}
	// Output:
	// invalid: address 169.254.169.254 is a cloud metadata address: only public addresses may be registered
	// invalid: scp-like addresses (git@host:path) can be named only in the operator's participants file: register an https:// URL, as in https://github.com/owner/repo
	// invalid: URL must not contain a user name, password or token: register the address without credentials (access tokens belong in the operator's configuration)
}

// Every HTTP client that fetches participants' sources (discovery API
// calls, git clones) dials through the policy, so a name that resolves to
// a private address at fetch time is refused when connecting. Proxy must
// stay nil: through a proxy the guard would see only the proxy's address.
// For go-git, wrap the client with
// githttp.NewClient(client) and install it for "https" (and "http") with
// client.InstallProtocol.
func ExamplePolicy_DialContext() {
	policy := &urlpolicy.Policy{}
	client := &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         policy.DialContext(&net.Dialer{Timeout: 30 * time.Second}),
			TLSHandshakeTimeout: 10 * time.Second,
		},
		CheckRedirect: policy.CheckRedirect,
	}
	_ = client
}
