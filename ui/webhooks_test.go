package ui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// hexHMAC is the hex HMAC-SHA256 of body under secret, as code hosts sign.
func hexHMAC(secret, body string) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil))
}

func readWebhook(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "webhooks", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWebhooks(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	org := f.addAPISource(t, "gb-gds", "https://github.com/gds-org", registry.KindOrg, registry.HostGitHub)
	github := readWebhook(t, "github-push.json")
	gitlab := readWebhook(t, "gitlab-push.json")
	gitea := readWebhook(t, "gitea-push.json")
	// A push to a repository only an organisation source covers.
	inOrg := strings.ReplaceAll(github, "GDS/frontend", "gds-org/brand-new")
	unknown := strings.ReplaceAll(github, "GDS/frontend", "someone/else")

	signedGitHub := func(event, body string) map[string]string {
		return map[string]string{"X-GitHub-Event": event, "X-Hub-Signature-256": "sha256=" + hexHMAC(webhookSecret, body)}
	}
	tests := []struct {
		name       string
		path       string
		body       string
		header     map[string]string
		wantStatus int
		wantQueued []int64
	}{
		{"github push", "/api/v1/webhooks/github", github, signedGitHub("push", github), 202, []int64{f.sourceID(t, frontendURL)}},
		{"github push to a repository in an organisation", "/api/v1/webhooks/github", inOrg, signedGitHub("push", inOrg), 202, []int64{org.ID}},
		{"github push to an unknown repository", "/api/v1/webhooks/github", unknown, signedGitHub("push", unknown), 202, nil},
		{"github ping", "/api/v1/webhooks/github", `{"zen": "Keep it logically awesome.", "hook_id": 1}`,
			signedGitHub("ping", `{"zen": "Keep it logically awesome.", "hook_id": 1}`), 200, nil},
		{"github event not followed", "/api/v1/webhooks/github", github, signedGitHub("issues", github), 204, nil},
		{"github bad signature", "/api/v1/webhooks/github", github,
			map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + hexHMAC("wrong secret", github)}, 401, nil},
		{"github signature of another body", "/api/v1/webhooks/github", github + " ", signedGitHub("push", github), 401, nil},
		{"github SHA-1 signature only", "/api/v1/webhooks/github", github,
			map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature": "sha1=0000"}, 401, nil},
		{"github no signature", "/api/v1/webhooks/github", github, map[string]string{"X-GitHub-Event": "push"}, 401, nil},

		{"gitlab push", "/api/v1/webhooks/gitlab", gitlab,
			map[string]string{"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": webhookSecret}, 202, []int64{f.sourceID(t, taxURL)}},
		{"gitlab tag push", "/api/v1/webhooks/gitlab", gitlab,
			map[string]string{"X-Gitlab-Event": "Tag Push Hook", "X-Gitlab-Token": webhookSecret}, 204, nil},
		{"gitlab wrong token", "/api/v1/webhooks/gitlab", gitlab,
			map[string]string{"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": webhookSecret + "x"}, 401, nil},
		{"gitlab no token", "/api/v1/webhooks/gitlab", gitlab, map[string]string{"X-Gitlab-Event": "Push Hook"}, 401, nil},

		{"gitea push", "/api/v1/webhooks/gitea", gitea,
			map[string]string{"X-Gitea-Event": "push", "X-Gitea-Signature": hexHMAC(webhookSecret, gitea)}, 202, []int64{f.sourceID(t, addressURL)}},
		{"forgejo push", "/api/v1/webhooks/gitea", gitea,
			map[string]string{"X-Forgejo-Event": "push", "X-Forgejo-Signature": hexHMAC(webhookSecret, gitea)}, 202, []int64{f.sourceID(t, addressURL)}},
		{"gitea event not followed", "/api/v1/webhooks/gitea", gitea,
			map[string]string{"X-Gitea-Event": "issues", "X-Gitea-Signature": hexHMAC(webhookSecret, gitea)}, 204, nil},
		{"gitea bad signature", "/api/v1/webhooks/gitea", gitea,
			map[string]string{"X-Gitea-Event": "push", "X-Gitea-Signature": hexHMAC("wrong", gitea)}, 401, nil},
		{"gitea signature not hex", "/api/v1/webhooks/gitea", gitea,
			map[string]string{"X-Gitea-Event": "push", "X-Gitea-Signature": "zz"}, 401, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			header := map[string]string{"Content-Type": "application/json"}
			for k, v := range tc.header {
				header[k] = v
			}
			res := f.send(t, nil, request{method: "POST", path: tc.path, body: tc.body, header: header})
			if res.status != tc.wantStatus {
				t.Fatalf("status %d, want %d; body:\n%s", res.status, tc.wantStatus, res.body)
			}
			if diff := cmp.Diff(tc.wantQueued, f.queue.take()); diff != "" {
				t.Errorf("queued (-want +got):\n%s", diff)
			}
			if tc.wantStatus == http.StatusAccepted {
				var got webhookResult
				decode(t, res, &got)
				if got.Queued != len(tc.wantQueued) {
					t.Errorf("answer says %d queued, want %d", got.Queued, len(tc.wantQueued))
				}
			}
		})
	}
}

func TestWebhooksOff(t *testing.T) {
	cat := newCatalogue(t)
	srv := serveHandler(t, New(Options{Store: cat.store, Search: cat.index, Logger: testLogger(t), Clock: func() time.Time { return generatedAt }}).Handler())
	for _, host := range []string{"github", "gitlab", "gitea"} {
		res, err := http.Post(srv.URL+"/api/v1/webhooks/"+host, "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s webhook without a secret: status %d, want 404", host, res.StatusCode)
		}
	}
}

func TestRepoKey(t *testing.T) {
	tests := map[string]string{
		"https://github.com/GDS/frontend.git":         "github.com/gds/frontend",
		"https://GitHub.com/gds/frontend":             "github.com/gds/frontend",
		"http://github.com/gds/frontend/":             "github.com/gds/frontend",
		"https://gitlab.example.gov/a/b/c.git":        "gitlab.example.gov/a/b/c",
		"https://git.example.org:8443/team/tool.git":  "git.example.org:8443/team/tool",
		"git@github.com:gds/frontend.git":             "",
		"ssh://git@gitlab.com/ria/tax-calculator.git": "",
		"/srv/git/payroll":                            "",
		"https://github.com/":                         "",
		"":                                            "",
	}
	for in, want := range tests {
		if got := repoKey(in); got != want {
			t.Errorf("repoKey(%q) = %q, want %q", in, got, want)
		}
	}
}
