package urlpolicy

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/govshare/govshare/registry"
)

// allowedSchemes is the policy's schemes, lower-cased, with the ones it
// cannot guard left out.
func (p *Policy) allowedSchemes() []string {
	if len(p.Schemes) == 0 {
		return []string{"https"}
	}
	var out []string
	for _, s := range p.Schemes {
		if s = strings.ToLower(s); slices.Contains(webSchemes, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// schemeAdvice says which URLs to register instead: "an https:// URL".
func (p *Policy) schemeAdvice() string {
	allowed := p.allowedSchemes()
	if len(allowed) == 0 {
		return "the operator allows no URLs to be registered"
	}
	forms := make([]string, len(allowed))
	for i, s := range allowed {
		forms[i] = s + "://"
	}
	return "register an " + strings.Join(forms, " or an ") + " URL, as in https://github.com/owner/repo"
}

// parse applies the rules on the URL's text, scheme, credentials, query
// and path, and returns it with the scheme lower-cased and the port and
// path normalised; the host is left as written.
func (p *Policy) parse(raw string) (*url.URL, error) {
	if err := checkText(raw); err != nil {
		return nil, err
	}
	scheme, _, hasScheme := strings.Cut(raw, "://")
	if !hasScheme || !isScheme(scheme) {
		return nil, p.notURL(raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, registry.Errorf(registry.EINVALID, "URL is not valid: %v", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if err := p.checkScheme(u.Scheme); err != nil {
		return nil, err
	}
	if u.User != nil {
		return nil, registry.Errorf(registry.EINVALID,
			"URL must not contain a user name, password or token: register the address without credentials (access tokens belong in the operator's configuration)")
	}
	if strings.ContainsAny(raw, "?#") {
		return nil, registry.Errorf(registry.EINVALID, "URL must not have a query (?...) or fragment (#...)")
	}
	if u.Hostname() == "" {
		return nil, registry.Errorf(registry.EINVALID, "URL must name a host, as in https://github.com/owner/repo")
	}
	if err := normalisePort(u); err != nil {
		return nil, err
	}
	if err := normalisePath(u); err != nil {
		return nil, err
	}
	return u, nil
}

// checkScheme refuses schemes the policy does not allow, saying where the
// ones the operator may use belong.
func (p *Policy) checkScheme(scheme string) error {
	if slices.Contains(p.allowedSchemes(), scheme) {
		return nil
	}
	switch scheme {
	case "https", "http", "ssh", "file":
		return registry.Errorf(registry.EINVALID,
			"%s:// URLs can be named only in the operator's participants file: %s", scheme, p.schemeAdvice())
	}
	return registry.Errorf(registry.EINVALID, "%s:// URLs are not supported: %s", scheme, p.schemeAdvice())
}

// notURL explains why an address written without "scheme://" is refused:
// scp-like addresses and local paths are for the operator's file only.
func (p *Policy) notURL(raw string) error {
	head, tail, hasColon := strings.Cut(raw, ":")
	switch {
	case hasColon && !strings.Contains(head, "/") && tail != "" && '0' <= tail[0] && tail[0] <= '9':
		// host:port/path, written without its scheme.
		return registry.Errorf(registry.EINVALID, "URL must start with its scheme: write https://%s", strings.TrimRight(raw, "/"))
	case hasColon && !strings.Contains(head, "/") && isScheme(head) && slices.Contains([]string{"https", "http", "ssh", "file", "git"}, strings.ToLower(head)):
		return registry.Errorf(registry.EINVALID, "URL is not valid: write the scheme with two slashes, as in https://github.com/owner/repo")
	case hasColon && !strings.Contains(head, "/") && (strings.Contains(head, "@") || strings.Contains(head, ".")):
		return registry.Errorf(registry.EINVALID,
			"scp-like addresses (git@host:path) can be named only in the operator's participants file: %s", p.schemeAdvice())
	case hasColon && !strings.Contains(head, "/") && isScheme(head):
		return registry.Errorf(registry.EINVALID, "%s: URLs are not supported: %s", strings.ToLower(head), p.schemeAdvice())
	}
	first, _, _ := strings.Cut(raw, "/")
	if strings.Contains(first, ".") && strings.Trim(first, ".") != "" {
		return registry.Errorf(registry.EINVALID, "URL must start with its scheme: write https://%s", strings.TrimRight(raw, "/"))
	}
	return registry.Errorf(registry.EINVALID,
		"local paths can be named only in the operator's participants file: %s", p.schemeAdvice())
}

// isScheme reports whether s has the shape of a URL scheme.
func isScheme(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
