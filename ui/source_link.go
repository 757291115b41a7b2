package ui

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
)

// commitHash is a full SHA-1 or SHA-256 object name. A link is only built to
// a full commit, so that it shows the very file the evidence was read from.
var commitHash = regexp.MustCompile(`^([0-9a-f]{40}|[0-9a-f]{64})$`)

// fileURLLayout is how a code host addresses a file at a commit: %s are the
// repository's web address, the commit and the escaped path.
type fileURLLayout struct {
	file string // fmt layout of the file's address
	line string // fragment for a line, with one %d
}

var (
	githubLayout   = fileURLLayout{file: "%s/blob/%s/%s", line: "#L%d"}
	gitlabLayout   = fileURLLayout{file: "%s/-/blob/%s/%s", line: "#L%d"}
	codebergLayout = fileURLLayout{file: "%s/src/commit/%s/%s", line: "#L%d"}
)

// hostLayout returns the file address layout of a known code host.
func hostLayout(host string) (fileURLLayout, bool) {
	switch {
	case host == "github.com":
		return githubLayout, true
	case host == "gitlab.com", strings.HasPrefix(host, "gitlab."):
		// gitlab.com and the many self-hosted GitLabs named gitlab.<domain>.
		return gitlabLayout, true
	case host == "codeberg.org":
		return codebergLayout, true
	}
	return fileURLLayout{}, false
}

// sourceFileLink returns the web address of path (and line, when above 0)
// in the repository at repoURL at commit, or "" when it cannot be built
// safely: the repository must be an https URL on a known code host, the
// commit a full hash, and the path a plain relative path. Anything else is
// shown as text by the pages.
func sourceFileLink(repoURL, commit, path string, line int) string {
	u, err := url.Parse(repoURL)
	if err != nil || u.Scheme != "https" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Port() != "" {
		return ""
	}
	layout, ok := hostLayout(strings.ToLower(u.Hostname()))
	if !ok || !commitHash.MatchString(commit) || path == "." || !fs.ValidPath(path) {
		return ""
	}
	repoPath := strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
	segments := strings.Split(repoPath, "/")
	if len(segments) < 2 || (layout == githubLayout && len(segments) != 2) {
		return ""
	}
	for _, s := range segments {
		if s == "" || s == "." || s == ".." {
			return ""
		}
	}
	base := "https://" + strings.ToLower(u.Host) + "/" + escapePath(repoPath)
	link := fmt.Sprintf(layout.file, base, commit, escapePath(path))
	if line > 0 {
		link += fmt.Sprintf(layout.line, line)
	}
	return link
}

// escapePath escapes each segment of a slash-separated path.
func escapePath(p string) string {
	segments := strings.Split(p, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Join(segments, "/")
}
