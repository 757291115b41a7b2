package ui

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// webhookResult is the answer to a push webhook: how many sources were
// queued for a crawl.
type webhookResult struct {
	Queued int `json:"queued"`
}

// pushedRepository is what a push payload says about the repository, in
// the shape each host sends it.
type pushedRepository struct {
	// GitHub and Gitea/Forgejo: repository.clone_url and html_url.
	Repository struct {
		CloneURL   string `json:"clone_url"`
		HTMLURL    string `json:"html_url"`
		GitHTTPURL string `json:"git_http_url"` // GitLab's repository block
		Homepage   string `json:"homepage"`     // GitLab's repository block
	} `json:"repository"`
	// GitLab: project.git_http_url and web_url.
	Project struct {
		GitHTTPURL string `json:"git_http_url"`
		WebURL     string `json:"web_url"`
	} `json:"project"`
}

// urls lists every address the payload gives the repository.
func (p pushedRepository) urls() []string {
	return []string{
		p.Repository.CloneURL, p.Repository.HTMLURL, p.Repository.GitHTTPURL, p.Repository.Homepage,
		p.Project.GitHTTPURL, p.Project.WebURL,
	}
}

// webhookBody reads a webhook's body, after making sure webhooks are on.
func (s *Server) webhookBody(c *gin.Context) ([]byte, error) {
	if len(s.webhookSecret) == 0 {
		return nil, registry.Errorf(registry.ENOTFOUND, "There is no page at this address.")
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return nil, fmt.Errorf("read webhook payload: %w", err)
	}
	return body, nil
}

// errBadSignature refuses a webhook not signed with the shared secret.
func errBadSignature(header string) error {
	return registry.Errorf(registry.EUNAUTHORIZED, "The webhook's %s does not match the secret govshare was given.", header)
}

// validBodySignature reports whether hexSum is the HMAC-SHA256 of body
// under the webhook secret, in constant time.
func (s *Server) validBodySignature(hexSum string, body []byte) bool {
	sum, err := hex.DecodeString(strings.TrimSpace(hexSum))
	if err != nil {
		return false
	}
	h := hmac.New(sha256.New, s.webhookSecret)
	h.Write(body)
	return hmac.Equal(sum, h.Sum(nil))
}

// githubWebhook answers GitHub's push and ping events, signed in
// X-Hub-Signature-256 as "sha256=" and the hex HMAC of the body.
func (s *Server) githubWebhook(c *gin.Context) error {
	body, err := s.webhookBody(c)
	if err != nil {
		return err
	}
	const header = "X-Hub-Signature-256"
	hexSum, ok := strings.CutPrefix(c.GetHeader(header), "sha256=")
	if !ok || !s.validBodySignature(hexSum, body) {
		return errBadSignature(header)
	}
	switch c.GetHeader("X-GitHub-Event") {
	case "push":
		return s.queuePushed(c, body)
	case "ping":
		s.writeJSON(c, http.StatusOK, webhookResult{})
		return nil
	}
	c.Status(http.StatusNoContent)
	return nil
}

// gitlabWebhook answers GitLab's push events, which carry the secret
// itself in X-Gitlab-Token.
func (s *Server) gitlabWebhook(c *gin.Context) error {
	body, err := s.webhookBody(c)
	if err != nil {
		return err
	}
	const header = "X-Gitlab-Token"
	// Comparing hashes keeps the comparison constant-time whatever the
	// length of what was sent.
	got, want := sha256.Sum256([]byte(c.GetHeader(header))), sha256.Sum256(s.webhookSecret)
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return errBadSignature(header)
	}
	if c.GetHeader("X-Gitlab-Event") != "Push Hook" {
		c.Status(http.StatusNoContent)
		return nil
	}
	return s.queuePushed(c, body)
}

// giteaWebhook answers Gitea's and Forgejo's push events, signed in
// X-Gitea-Signature (Forgejo: X-Forgejo-Signature) as the hex HMAC of the
// body.
func (s *Server) giteaWebhook(c *gin.Context) error {
	body, err := s.webhookBody(c)
	if err != nil {
		return err
	}
	header := "X-Gitea-Signature"
	sig := c.GetHeader(header)
	if sig == "" {
		header = "X-Forgejo-Signature"
		sig = c.GetHeader(header)
	}
	if !s.validBodySignature(sig, body) {
		return errBadSignature(header)
	}
	event := c.GetHeader("X-Gitea-Event")
	if event == "" {
		event = c.GetHeader("X-Forgejo-Event")
	}
	if event != "push" {
		c.Status(http.StatusNoContent)
		return nil
	}
	return s.queuePushed(c, body)
}

// queuePushed queues a crawl of every source a push payload's repository
// matches, and answers 202 with how many.
func (s *Server) queuePushed(c *gin.Context, body []byte) error {
	var payload pushedRepository
	if err := json.Unmarshal(body, &payload); err != nil {
		return fmt.Errorf("%w: %w", registry.Errorf(registry.EINVALID, "The webhook's payload is not JSON."), err)
	}
	ids, err := s.pushedSources(c.Request.Context(), payload.urls())
	if err != nil {
		return err
	}
	for _, id := range ids {
		s.queueCrawl(c.Request.Context(), id)
	}
	s.logger.InfoContext(c.Request.Context(), "webhook", "repository", payload.urls()[0], "queued", len(ids))
	s.writeJSON(c, http.StatusAccepted, webhookResult{Queued: len(ids)})
	return nil
}

// pushedSources finds the sources a pushed repository's addresses match:
// the repository itself, registered or discovered, or else the
// organisations it is in, whose discovery will find it.
func (s *Server) pushedSources(ctx context.Context, urls []string) ([]int64, error) {
	keys := map[string]bool{}
	for _, u := range urls {
		if k := repoKey(u); k != "" {
			keys[k] = true
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	sources, err := s.store.Sources(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	var repos, orgs []int64
	for _, src := range sources {
		k := repoKey(src.URL)
		switch {
		case k == "" || src.State == registry.StateRenamed:
		case src.Kind == registry.KindOrg && coversAny(k, keys):
			orgs = append(orgs, src.ID)
		case src.Kind != registry.KindOrg && keys[k]:
			repos = append(repos, src.ID)
		}
	}
	if len(repos) > 0 {
		return repos, nil
	}
	return orgs, nil
}

// coversAny reports whether an organisation's key is a parent of any of
// the repository keys: a GitLab group covers its subgroups' repositories.
func coversAny(org string, repos map[string]bool) bool {
	for k := range repos {
		if strings.HasPrefix(k, org+"/") {
			return true
		}
	}
	return false
}

// repoKey is the form repository addresses are compared in: host and path,
// lower case, without a trailing slash or ".git", whether http or https.
// Code hosts treat repository paths case-insensitively. An address that is
// not http(s) has no key.
func repoKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	p := strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
	if p == "" {
		return ""
	}
	return strings.ToLower(u.Host + "/" + p)
}
