package urlpolicy

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/govshare/govshare/registry"
)

// maxURLLength bounds a registered URL; real repository URLs are far
// shorter.
const maxURLLength = 2048

// checkText refuses URLs whose text alone is wrong: empty, too long, or
// holding characters that read differently to different parsers.
func checkText(raw string) error {
	switch {
	case raw == "":
		return registry.Errorf(registry.EINVALID, "URL must not be empty")
	case len(raw) > maxURLLength:
		return registry.Errorf(registry.EINVALID, "URL is too long: at most %d characters", maxURLLength)
	case strings.IndexFunc(raw, unclear) >= 0:
		return registry.Errorf(registry.EINVALID, "URL must not contain spaces, control characters or invisible characters")
	case strings.Contains(raw, `\`):
		// Browsers read a backslash as a slash, Go does not: the same text
		// would name two different hosts.
		return registry.Errorf(registry.EINVALID, "URL must not contain backslashes")
	}
	return nil
}

// unclear reports whether r is a space, a control character or an
// invisible formatting character (a zero-width space, a direction mark).
func unclear(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar
}

// normalisePort checks the port and drops its leading zeros; Check drops
// the default port when it puts the normalised host back.
func normalisePort(u *url.URL) error {
	port := u.Port()
	if port == "" {
		return nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return registry.Errorf(registry.EINVALID, "URL has an invalid port %q: ports are 1 to 65535", port)
	}
	host := u.Hostname()
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	u.Host = host + ":" + strconv.Itoa(n)
	return nil
}

// normalisePath drops trailing slashes and refuses a path that names no
// repository or whose segments could be read more than one way.
func normalisePath(u *url.URL) error {
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	if u.Path == "" {
		return registry.Errorf(registry.EINVALID,
			"URL must name a repository or organisation, not only a host, as in https://github.com/owner/repo")
	}
	if strings.IndexFunc(u.Path, unclear) >= 0 {
		return registry.Errorf(registry.EINVALID, "URL path must not contain encoded spaces, control characters or invisible characters")
	}
	for _, segment := range strings.Split(u.Path[1:], "/") {
		if segment == "" || segment == "." || segment == ".." {
			return registry.Errorf(registry.EINVALID, "URL path must not contain empty, . or .. segments")
		}
	}
	return nil
}
