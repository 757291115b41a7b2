package config

import (
	"errors"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// credentialsMessage is the one answer to every way of embedding a secret
// in a repository address.
const credentialsMessage = "do not put credentials in the participants file: give the address without a user name or password"

// scpHost matches the host of an scp-like address (git@host:owner/repo).
var scpHost = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

// bareCodeHost matches a path that starts with a well-known code host's
// name, which is almost always a URL written without its https://.
var bareCodeHost = regexp.MustCompile(`^(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|git\.sr\.ht)/`)

// normaliseRepo checks a repository address from the participants file and
// returns it in the one form the rest of the program compares and clones:
//
//   - https:// and http:// URLs with a host and a path, the scheme and host
//     lower-cased and trailing slashes dropped;
//   - ssh:// URLs, likewise (a user name is fine, a password is not);
//   - scp-like addresses (git@github.com:owner/repo.git), as written but
//     for trailing slashes;
//   - file:// URLs and local paths, made absolute and cleaned; a relative
//     path is taken from baseDir, which must itself be absolute.
//
// problem says what is wrong when the address is refused.
func normaliseRepo(raw, baseDir string) (repo, problem string) {
	if raw == "" {
		return "", "must not be empty"
	}
	if strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "", "must not contain spaces or control characters"
	}
	if scheme, _, ok := strings.Cut(raw, "://"); ok && isScheme(scheme) {
		return normaliseURL(raw)
	}
	if repo, problem, ok := normaliseSCPLike(raw); ok {
		return repo, problem
	}
	return normaliseLocalPath(raw, baseDir)
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

// normaliseURL handles addresses written with a scheme.
func normaliseURL(raw string) (repo, problem string) {
	u, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return "", "is not a valid URL: " + err.Error()
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "https", "http", "ssh":
	case "file":
		return normaliseFileURL(u)
	default:
		return "", "unsupported scheme " + `"` + u.Scheme + `://"` + ": use https://, http://, ssh://, git@host:path, file:// or a local path"
	}
	if _, hasPassword := u.User.Password(); hasPassword || u.User != nil && u.Scheme != "ssh" {
		return "", credentialsMessage
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", "must not have a query (?...) or fragment (#...)"
	}
	if u.Host == "" {
		return "", "must name a host, as in https://github.com/owner/repo"
	}
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	if u.Path == "" {
		return "", "must name a repository, not only a host, as in https://github.com/owner/repo"
	}
	return u.String(), ""
}

// normaliseFileURL handles file:// URLs: a local path in URL form.
func normaliseFileURL(u *url.URL) (repo, problem string) {
	if u.User != nil {
		return "", credentialsMessage
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", "must not have a query (?...) or fragment (#...)"
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", "a file:// URL must name a local path, as in file:///srv/git/repo.git"
	}
	if !strings.HasPrefix(u.Path, "/") {
		return "", "a file:// URL must hold an absolute path, as in file:///srv/git/repo.git"
	}
	clean := filepath.Clean(u.Path)
	if clean == "/" {
		return "", "must name a repository, not the root directory"
	}
	return (&url.URL{Scheme: "file", Path: clean}).String(), ""
}

// normaliseSCPLike handles git's scp-like syntax, [user@]host:path. As in
// git, an address is scp-like when a colon comes before any slash. ok is
// false when raw is not scp-like.
func normaliseSCPLike(raw string) (repo, problem string, ok bool) {
	colon := strings.IndexByte(raw, ':')
	if colon < 0 || strings.IndexByte(raw[:colon], '/') >= 0 {
		return "", "", false
	}
	head, path := raw[:colon], raw[colon+1:]
	switch strings.ToLower(head) {
	case "https", "http", "ssh", "file", "git":
		return "", "is not a valid URL: write the scheme with two slashes, as in https://github.com/owner/repo", true
	}
	if firstSegment, _, _ := strings.Cut(path, "/"); !strings.Contains(head, "@") && strings.Contains(firstSegment, "@") {
		// user:password@host:path: the first colon is the password's.
		return "", credentialsMessage, true
	}
	host := head
	if user, h, hasUser := strings.Cut(head, "@"); hasUser {
		if user == "" {
			return "", "has an empty user name before @", true
		}
		host = h
	}
	if !scpHost.MatchString(host) {
		return "", "is not a valid address: write https://host/owner/repo, git@host:owner/repo.git or a local path", true
	}
	path = strings.TrimRight(path, "/")
	if path == "" {
		return "", "must name a repository after the colon, as in git@github.com:owner/repo.git", true
	}
	if strings.ContainsAny(path, "?#") {
		return "", "must not have a query (?...) or fragment (#...)", true
	}
	return head + ":" + path, "", true
}

// normaliseLocalPath handles a path on the machine running govshare.
func normaliseLocalPath(raw, baseDir string) (repo, problem string) {
	if strings.HasPrefix(raw, "~") {
		return "", "~ is not expanded: write the full path"
	}
	if m := bareCodeHost.FindString(raw); m != "" {
		return "", "looks like a web address without its scheme: write https://" + strings.TrimRight(raw, "/")
	}
	p := raw
	if !filepath.IsAbs(p) {
		p = filepath.Join(baseDir, p)
	}
	p = filepath.Clean(p)
	if p == "/" {
		return "", "must name a repository, not the root directory"
	}
	return p, ""
}
