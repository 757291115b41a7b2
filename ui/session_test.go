package ui

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/govshare/govshare/registry"
)

// browser is a client that keeps cookies, as a browser does.
func (f *accessFixture) browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := *f.srv.Client()
	client.Jar = jar
	return &client
}

// formFields returns the hidden and named fields of the form posting to
// action on a page.
func formFields(t *testing.T, body, action string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for form := range doc.Descendants() {
		if form.Type != html.ElementNode || form.Data != "form" || attr(form, "action") != action {
			continue
		}
		fields := url.Values{}
		for in := range form.Descendants() {
			if in.Type == html.ElementNode && in.Data == "input" && attr(in, "type") == "hidden" {
				fields.Set(attr(in, "name"), attr(in, "value"))
			}
		}
		return fields
	}
	t.Fatalf("no form posting to %s in:\n%s", action, body)
	return nil
}

// postForm posts fields to path from client, with the Origin a browser on
// this site sends.
func (f *accessFixture) postForm(t *testing.T, client *http.Client, path string, fields url.Values, header map[string]string) response {
	t.Helper()
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": f.srv.URL}
	for k, v := range header {
		h[k] = v
	}
	return f.send(t, client, request{method: "POST", path: path, body: fields.Encode(), header: h})
}

// signIn signs client in with a token through the sign-in form.
func (f *accessFixture) signIn(t *testing.T, client *http.Client, token string) response {
	t.Helper()
	page := f.send(t, client, request{method: "GET", path: "/signin"})
	fields := formFields(t, page.body, "/signin")
	fields.Set("token", token)
	return f.postForm(t, client, "/signin", fields, nil)
}

func cookiesOf(h http.Header) map[string]*http.Cookie {
	out := map[string]*http.Cookie{}
	for _, c := range (&http.Response{Header: h}).Cookies() {
		out[c.Name] = c
	}
	return out
}

// cookieAttributes is what a test checks of a cookie.
type cookieAttributes struct {
	Path     string
	MaxAge   int
	HttpOnly bool
	Secure   bool
	SameSite http.SameSite
}

func TestSignInSetsSessionCookie(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run(map[bool]string{false: "http", true: "https"}[tls], func(t *testing.T) {
			f := newAccessFixture(t, Limits{}, tls)
			client := f.browser(t)
			res := f.signIn(t, client, f.tokens["gds"])
			if res.status != http.StatusSeeOther || res.header.Get("Location") != "/participants/gb-gds" {
				t.Fatalf("sign-in: status %d, Location %q; body:\n%s", res.status, res.header.Get("Location"), res.body)
			}
			c := cookiesOf(res.header)[sessionCookie]
			if c == nil {
				t.Fatalf("no session cookie in %v", res.header["Set-Cookie"])
			}
			want := cookieAttributes{Path: "/", MaxAge: int(sessionLifetime / time.Second), HttpOnly: true, Secure: tls, SameSite: http.SameSiteLaxMode}
			got := cookieAttributes{Path: c.Path, MaxAge: c.MaxAge, HttpOnly: c.HttpOnly, Secure: c.Secure, SameSite: c.SameSite}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("session cookie (-want +got):\n%s", diff)
			}

			page := f.send(t, client, request{method: "GET", path: "/participants/gb-gds"})
			for _, want := range []string{"Register a source", "Audit log", "gb-gds:gds", "Sign out"} {
				if !strings.Contains(page.body, want) {
					t.Errorf("signed-in page lacks %q", want)
				}
			}
			anonymous := f.send(t, nil, request{method: "GET", path: "/participants/gb-gds"})
			for _, unwanted := range []string{"Register a source", "Audit log", csrfField} {
				if strings.Contains(anonymous.body, unwanted) {
					t.Errorf("anonymous page shows %q", unwanted)
				}
			}
			// ee-ria's page is not gds's to manage.
			other := f.send(t, client, request{method: "GET", path: "/participants/ee-ria"})
			if strings.Contains(other.body, "Register a source") {
				t.Error("gds sees the forms on ee-ria's page")
			}
		})
	}
}

func TestSignInRefused(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	tests := []struct {
		name       string
		change     func(fields url.Values, header map[string]string)
		wantStatus int
		want       string
	}{
		{"wrong token", func(v url.Values, _ map[string]string) { v.Set("token", "gvs_wrong") }, http.StatusUnauthorized,
			"The token is not valid: it is unknown or has been revoked."},
		{"revoked token", func(v url.Values, _ map[string]string) { v.Set("token", f.tokens["revoked"]) }, http.StatusUnauthorized,
			"The token is not valid: it is unknown or has been revoked."},
		{"no CSRF token", func(v url.Values, _ map[string]string) { v.Del(csrfField) }, http.StatusForbidden, "did not come from this site"},
		{"wrong CSRF token", func(v url.Values, _ map[string]string) { v.Set(csrfField, "forged") }, http.StatusForbidden, "did not come from this site"},
		{"cross-origin", func(_ url.Values, h map[string]string) { h["Origin"] = "https://evil.example" }, http.StatusForbidden, "did not come from this site"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			client := f.browser(t)
			page := f.send(t, client, request{method: "GET", path: "/signin"})
			fields := formFields(t, page.body, "/signin")
			fields.Set("token", f.tokens["gds"])
			header := map[string]string{}
			tc.change(fields, header)
			res := f.postForm(t, client, "/signin", fields, header)
			if res.status != tc.wantStatus {
				t.Fatalf("status %d, want %d; body:\n%s", res.status, tc.wantStatus, res.body)
			}
			if !strings.Contains(res.body, tc.want) {
				t.Errorf("page lacks %q:\n%s", tc.want, res.body)
			}
			if c := cookiesOf(res.header)[sessionCookie]; c != nil {
				t.Errorf("refused sign-in set a session cookie: %v", c)
			}
		})
	}
}

// TestCSRFOnEveryForm signs in and sends every write route, forms and API
// alike, from the session with no CSRF token, a wrong one, the right one
// from another site, and the right one in a cross-site request: all 403,
// nothing changed.
func TestCSRFOnEveryForm(t *testing.T) {
	f := newAccessFixture(t, Limits{Writes: 1000, AddressWrites: 1000}, false)
	sid := f.addAPISource(t, "gb-gds", "https://github.com/gds-org", "org", "github").ID
	tokens := f.state(t, "gb-gds").Tokens
	client := f.browser(t)
	if res := f.signIn(t, client, f.tokens["gds"]); res.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", res.status)
	}
	page := f.send(t, client, request{method: "GET", path: "/participants/gb-gds"})
	csrf := formFields(t, page.body, "/participants/gb-gds/sources").Get(csrfField)
	if csrf == "" {
		t.Fatal("no CSRF token on the page")
	}
	before := f.state(t, "gb-gds")

	routes := participantWriteRoutes("gb-gds", sid, tokens[0].ID)
	routes = append(routes, writeRoute{"POST", "/signout", "/signout", "", "application/x-www-form-urlencoded"})
	attacks := []struct {
		name   string
		token  string
		header map[string]string
	}{
		{"no token", "", nil},
		{"wrong token", "Zm9yZ2Vk", nil},
		{"cross-origin", csrf, map[string]string{"Origin": "https://evil.example"}},
		{"cross-site fetch", csrf, map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"null origin", csrf, map[string]string{"Origin": "null"}},
	}
	for _, r := range routes {
		for _, a := range attacks {
			t.Run(r.method+" "+r.route+"/"+a.name, func(t *testing.T) {
				header := map[string]string{"Content-Type": r.contentType, "Origin": f.srv.URL}
				for k, v := range a.header {
					header[k] = v
				}
				body := r.body
				switch {
				case a.token == "":
				case r.contentType == "application/x-www-form-urlencoded":
					body = strings.TrimPrefix(body+"&"+csrfField+"="+url.QueryEscape(a.token), "&")
				default:
					header[csrfHeader] = a.token
				}
				res := f.send(t, client, request{method: r.method, path: r.path, body: body, header: header})
				if res.status != http.StatusForbidden {
					t.Errorf("status %d, want 403; body:\n%s", res.status, res.body)
				}
			})
		}
	}
	if diff := cmp.Diff(before, f.state(t, "gb-gds")); diff != "" {
		t.Errorf("gb-gds's entries changed (-before +after):\n%s", diff)
	}
	// The session survived the refused sign-out.
	page = f.send(t, client, request{method: "GET", path: "/participants/gb-gds"})
	if !strings.Contains(page.body, "Register a source") {
		t.Error("the session ended")
	}

	// With the token, from this site, the API takes it as a header.
	res := f.send(t, client, request{method: "POST", path: "/api/v1/participants/gb-gds/sources",
		body: `{"url": "https://github.com/gds/csrf-checked"}`, header: map[string]string{csrfHeader: csrf, "Origin": f.srv.URL}})
	if res.status != http.StatusCreated {
		t.Errorf("API write with the CSRF header: status %d, want 201; body:\n%s", res.status, res.body)
	}
}

// TestFormsChangeEntries walks the page's forms: register a source, see
// a refusal with its reason, remove the source, make and revoke a token,
// sign out.
func TestFormsChangeEntries(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	client := f.browser(t)
	f.signIn(t, client, f.tokens["gds"])
	page := f.send(t, client, request{method: "GET", path: "/participants/gb-gds"})

	fields := formFields(t, page.body, "/participants/gb-gds/sources")
	fields.Set("kind", "org")
	fields.Set("url", "https://GitHub.com/gds-org")
	fields.Set("skip_forks", "1")
	fields.Set("include", "api-*, web-*")
	res := f.postForm(t, client, "/participants/gb-gds/sources", fields, nil)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/participants/gb-gds?done=source-added" {
		t.Fatalf("add: status %d, Location %q; body:\n%s", res.status, res.header.Get("Location"), res.body)
	}
	src, err := f.cat.store.Source(context.Background(), f.sourceID(t, "https://github.com/gds-org"))
	if err != nil {
		t.Fatal(err)
	}
	want := registry.SourceFilters{SkipForks: true, Include: []string{"api-*", "web-*"}}
	if diff := cmp.Diff(want, src.Filters); diff != "" {
		t.Errorf("filters (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{src.ID}, f.queue.take()); diff != "" {
		t.Errorf("queued (-want +got):\n%s", diff)
	}
	page = f.send(t, client, request{method: "GET", path: res.header.Get("Location")})
	for _, want := range []string{"The source is registered; its first crawl is queued.", "https://github.com/gds-org", "skip_forks", "source.add"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("page after adding lacks %q", want)
		}
	}

	fields.Set("kind", "repo")
	fields.Set("url", "file:///etc/passwd")
	res = f.postForm(t, client, "/participants/gb-gds/sources", fields, nil)
	if res.status != http.StatusBadRequest {
		t.Fatalf("refused add: status %d, want 400", res.status)
	}
	for _, want := range []string{"The change was refused", "file:// URLs are only allowed in the operator&#39;s configuration", `value="file:///etc/passwd"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("refusal page lacks %q", want)
		}
	}

	remove := "/participants/gb-gds/sources/" + itoa(src.ID) + "/remove"
	res = f.postForm(t, client, remove, formFields(t, page.body, remove), nil)
	if res.status != http.StatusSeeOther {
		t.Fatalf("remove: status %d; body:\n%s", res.status, res.body)
	}
	if _, err := f.cat.store.Source(context.Background(), src.ID); err == nil {
		t.Error("the source is still there")
	}

	fields = formFields(t, page.body, "/participants/gb-gds/tokens")
	fields.Set("name", "CI pipeline")
	res = f.postForm(t, client, "/participants/gb-gds/tokens", fields, nil)
	if res.status != http.StatusCreated || !strings.Contains(res.body, "gvs_") || res.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("make a token: status %d, Cache-Control %q; body:\n%s", res.status, res.header.Get("Cache-Control"), res.body)
	}
	var made int64
	for _, tok := range f.state(t, "gb-gds").Tokens {
		if tok.Name == "CI pipeline" {
			made = tok.ID
		}
	}
	revoke := "/participants/gb-gds/tokens/" + itoa(made) + "/revoke"
	res = f.postForm(t, client, revoke, formFields(t, res.body, revoke), nil)
	if res.status != http.StatusSeeOther {
		t.Fatalf("revoke: status %d; body:\n%s", res.status, res.body)
	}

	var actions []string
	for _, e := range f.state(t, "gb-gds").Audit {
		actions = append(actions, e.Action+" "+e.Target+" by "+e.Actor)
	}
	wantActions := []string{
		"token.revoke CI pipeline by gb-gds:gds",
		"token.create CI pipeline by gb-gds:gds",
		"source.remove https://github.com/gds-org by gb-gds:gds",
		"source.add https://github.com/gds-org by gb-gds:gds",
	}
	if diff := cmp.Diff(wantActions, actions); diff != "" {
		t.Errorf("audit log (-want +got):\n%s", diff)
	}

	page = f.send(t, client, request{method: "GET", path: "/participants/gb-gds"})
	res = f.postForm(t, client, "/signout", formFields(t, page.body, "/signout"), nil)
	if res.status != http.StatusSeeOther || cookiesOf(res.header)[sessionCookie].MaxAge >= 0 {
		t.Fatalf("sign out: status %d, cookies %v", res.status, res.header["Set-Cookie"])
	}
	page = f.send(t, client, request{method: "GET", path: "/participants/gb-gds"})
	if strings.Contains(page.body, "Register a source") {
		t.Error("still signed in after signing out")
	}
}

// TestRevokingEndsSessions revokes the token a browser signed in with: its
// next request is anonymous, and its writes are refused.
func TestRevokingEndsSessions(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	client := f.browser(t)
	f.signIn(t, client, f.tokens["ria"])
	page := f.send(t, client, request{method: "GET", path: "/participants/ee-ria"})
	fields := formFields(t, page.body, "/participants/ee-ria/sources")

	tokens := f.state(t, "ee-ria").Tokens
	if err := f.cat.store.RevokeToken(context.Background(), tokens[0].ID, generatedAt); err != nil {
		t.Fatal(err)
	}
	page = f.send(t, client, request{method: "GET", path: "/participants/ee-ria"})
	if strings.Contains(page.body, "Register a source") {
		t.Error("a revoked token's session still sees the forms")
	}
	fields.Set("url", "https://github.com/ria/after-revoke")
	res := f.postForm(t, client, "/participants/ee-ria/sources", fields, nil)
	if res.status != http.StatusUnauthorized || !strings.Contains(res.body, `<a class="govuk-link" href="/signin">Sign in</a>`) {
		t.Errorf("write after revoke: status %d, want 401 with a sign-in link; body:\n%s", res.status, res.body)
	}
}

func TestSessionCookieTampering(t *testing.T) {
	keys := deriveSessionKeys([]byte("key"))
	now := generatedAt
	good := keys.encode(session{TokenID: 7, ParticipantID: "gb-gds", Expires: now.Add(time.Hour)})
	if got, err := keys.decode(good, now); err != nil || got.TokenID != 7 || got.ParticipantID != "gb-gds" {
		t.Fatalf("decode(good) = %+v, %v", got, err)
	}
	payload, sig, _ := strings.Cut(good, ".")
	forged := keys.encode(session{TokenID: 8, ParticipantID: "ee-ria", Expires: now.Add(time.Hour)})
	forgedPayload, _, _ := strings.Cut(forged, ".")
	for name, value := range map[string]string{
		"expired":          keys.encode(session{TokenID: 7, ParticipantID: "gb-gds", Expires: now}),
		"other key":        deriveSessionKeys([]byte("other")).encode(session{TokenID: 7, ParticipantID: "gb-gds", Expires: now.Add(time.Hour)}),
		"swapped payload":  forgedPayload + "." + sig,
		"no signature":     payload,
		"garbage":          "%%%.%%%",
		"empty signature":  payload + ".",
		"truncated":        good[:len(good)-2],
		"signature as MAC": sig + "." + sig,
	} {
		if _, err := keys.decode(value, now); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
