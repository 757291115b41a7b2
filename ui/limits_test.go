package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRateLimiter(t *testing.T) {
	now := generatedAt
	l := newRateLimiter(6, func() time.Time { return now }) // one every 10 s
	type outcome struct {
		OK   bool
		Wait time.Duration
	}
	try := func(key string) outcome {
		wait, ok := l.allow(key)
		return outcome{ok, wait}
	}
	var got []outcome
	for range 7 {
		got = append(got, try("a"))
	}
	want := []outcome{{true, 0}, {true, 0}, {true, 0}, {true, 0}, {true, 0}, {true, 0}, {false, 10 * time.Second}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a minute's worth at once (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(outcome{true, 0}, try("b")); diff != "" {
		t.Errorf("another key (-want +got):\n%s", diff)
	}
	now = now.Add(4 * time.Second)
	if diff := cmp.Diff(outcome{false, 6 * time.Second}, try("a")); diff != "" {
		t.Errorf("4 s later (-want +got):\n%s", diff)
	}
	now = now.Add(6 * time.Second)
	if diff := cmp.Diff(outcome{true, 0}, try("a")); diff != "" {
		t.Errorf("10 s later (-want +got):\n%s", diff)
	}
	now = now.Add(time.Hour)
	for range maxBuckets {
		l.allow("filler")
	}
	l.mu.Lock()
	l.forgetFull(now)
	n := len(l.buckets)
	l.mu.Unlock()
	if n != 1 { // only "filler", which is spent
		t.Errorf("%d buckets kept after forgetting full ones, want 1", n)
	}
}

// TestRateLimits checks that sign-in is limited by address, and writes by
// token, with 429 and Retry-After once the allowance is spent. The test
// clock stands still, so nothing refills.
func TestRateLimits(t *testing.T) {
	f := newAccessFixture(t, Limits{SignIn: 3, Writes: 2}, false)

	client := f.browser(t)
	var statuses []int
	for range 4 {
		statuses = append(statuses, f.signIn(t, client, "gvs_wrong").status)
	}
	if diff := cmp.Diff([]int{401, 401, 401, 429}, statuses); diff != "" {
		t.Errorf("sign-in attempts (-want +got):\n%s", diff)
	}
	res := f.signIn(t, client, f.tokens["gds"])
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") != "20" {
		t.Errorf("sign-in over the limit: status %d, Retry-After %q", res.status, res.header.Get("Retry-After"))
	}

	statuses = nil
	var last response
	for _, name := range []string{"a", "b", "c"} {
		last = f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: f.tokens["gds"],
			body: `{"url": "https://github.com/gds/` + name + `"}`})
		statuses = append(statuses, last.status)
	}
	if diff := cmp.Diff([]int{201, 201, 429}, statuses); diff != "" {
		t.Errorf("writes by one token (-want +got):\n%s", diff)
	}
	if last.header.Get("Retry-After") != "30" || !strings.Contains(last.body, `"code":"rate_limited"`) {
		t.Errorf("429: Retry-After %q, body %s", last.header.Get("Retry-After"), last.body)
	}
	// Another token has its own allowance, and reads are not limited.
	if res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: f.tokens["operator"],
		body: `{"url": "https://github.com/gds/d"}`}); res.status != http.StatusCreated {
		t.Errorf("operator's write: status %d", res.status)
	}
	if res := f.send(t, nil, request{method: "GET", path: "/api/v1/participants/gb-gds/sources", token: f.tokens["gds"]}); res.status != http.StatusOK {
		t.Errorf("read after the limit: status %d", res.status)
	}
}

func TestAddressRateLimit(t *testing.T) {
	f := newAccessFixture(t, Limits{AddressWrites: 2, Writes: 100}, false)
	var statuses []int
	for _, tok := range []string{"gds", "ria", "operator"} {
		statuses = append(statuses, f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: f.tokens[tok],
			body: `{"url": "https://github.com/gds/` + tok + `"}`}).status)
	}
	// ria's write is refused for being ria's; the third from the address
	// is refused before anything else.
	if diff := cmp.Diff([]int{201, 403, 429}, statuses); diff != "" {
		t.Errorf("writes from one address (-want +got):\n%s", diff)
	}
}

func TestBodyLimits(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	big := `{"url": "https://github.com/gds/x", "kind": "` + strings.Repeat("x", int(maxBodyBytes)) + `"}`
	yamlHead := "participants:\n  - id: gb-gds\n    name: x\n    country: GB\n    sources:\n"
	bigYAML := yamlHead + strings.Repeat("      - repo: https://github.com/gds/padding-padding-padding-padding\n", int(maxImportBodyBytes)/60)
	tests := []struct {
		name       string
		path       string
		body       string
		chunked    bool
		wantStatus int
	}{
		{"registration over 1 MiB", "/api/v1/participants/gb-gds/sources", big, false, http.StatusRequestEntityTooLarge},
		{"registration over 1 MiB, no length given", "/api/v1/participants/gb-gds/sources", big, true, http.StatusRequestEntityTooLarge},
		{"form over 1 MiB", "/participants/gb-gds/sources", "url=" + strings.Repeat("x", int(maxBodyBytes)), true, http.StatusRequestEntityTooLarge},
		{"import over 5 MiB", "/api/v1/participants/gb-gds/sources.yaml", bigYAML, false, http.StatusRequestEntityTooLarge},
		{"import over 5 MiB, no length given", "/api/v1/participants/gb-gds/sources.yaml", bigYAML, true, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, f.srv.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.chunked {
				req.ContentLength = -1 // sent chunked: the limit is found while reading
			}
			req.Header.Set("Authorization", "Bearer "+f.tokens["gds"])
			if strings.HasPrefix(tc.body, "url=") {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			res, err := f.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d", res.StatusCode, tc.wantStatus)
			}
		})
	}
}

func TestAddressBlock(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.7":          "203.0.113.7",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"::ffff:203.0.113.7":   "::ffff:203.0.113.7",
		"not an address":       "not an address",
	} {
		if got := addressBlock(in); got != want {
			t.Errorf("addressBlock(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrongTokensAreRateLimited(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	limited := false
	for range 15 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/projects", nil)
		req.Header.Set("Authorization", "Bearer gvs_guess")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			limited = true
		case http.StatusUnauthorized:
		default:
			t.Fatalf("a wrong token got %d", resp.StatusCode)
		}
	}
	if !limited {
		t.Error("15 wrong tokens in a row were never rate limited")
	}
}
