// Package gittest builds real git repositories for tests, from txtar
// archives, with the git command and a fixed environment so that every run
// makes the same commits, and serves them over file:// and smart HTTP.
package gittest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// Date returns the author and committer date of a fixture's first commit;
// each later commit is one hour after the one before.
func Date() time.Time { return time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC) }

// Repo is a repository with a work tree, made for a test.
type Repo struct {
	t       testing.TB
	Dir     string
	commits int
}

// New makes an empty repository (branch main) in a temporary directory.
func New(t testing.TB) *Repo {
	t.Helper()
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git("init", "--quiet", "--initial-branch=main")
	return r
}

// FromTxtar makes a repository holding the files of the txtar archive at
// path, committed once.
func FromTxtar(t testing.TB, path string) *Repo {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	r := New(t)
	r.Commit("initial commit", files)
	return r
}

// Commit writes files (path -> content; "" removes the file) and commits
// them.
func (r *Repo) Commit(message string, files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if content == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.Git("add", "--all")
	r.Git("commit", "--quiet", "--allow-empty", "-m", message)
	r.commits++
}

// Head returns the commit hash HEAD points at.
func (r *Repo) Head() string {
	r.t.Helper()
	return string(bytes.TrimSpace(r.Git("rev-parse", "HEAD")))
}

// Git runs git in the repository and returns its standard output.
func (r *Repo) Git(args ...string) []byte {
	r.t.Helper()
	return Run(r.t, r.Dir, r.date(), args...)
}

func (r *Repo) date() time.Time { return Date().Add(time.Duration(r.commits) * time.Hour) }

// Bare makes a bare clone of the repository under root (a temporary
// directory when root is ""), named name (with .git added), and returns its
// path.
func (r *Repo) Bare(root, name string) string {
	r.t.Helper()
	if root == "" {
		root = r.t.TempDir()
	}
	dst := filepath.Join(root, name+".git")
	Run(r.t, root, Date(), "clone", "--quiet", "--bare", r.Dir, dst)
	return dst
}

// Run runs git with a fixed identity, dates and configuration, in dir.
func Run(t testing.TB, dir string, date time.Time, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = Env(date)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

// Env is the environment git runs in for tests: no user or system
// configuration, a fixed identity and fixed dates.
func Env(date time.Time) []string {
	d := date.Format(time.RFC3339)
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.TempDir(),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=govshare test", "GIT_AUTHOR_EMAIL=test@govshare.invalid", "GIT_AUTHOR_DATE=" + d,
		"GIT_COMMITTER_NAME=govshare test", "GIT_COMMITTER_EMAIL=test@govshare.invalid", "GIT_COMMITTER_DATE=" + d,
		"GIT_TERMINAL_PROMPT=0",
	}
}

// ServeHTTP serves every repository under root over git's smart HTTP
// protocol, through a real `git http-backend`, on loopback. A repository
// root/name.git is at server.URL + "/name.git".
func ServeHTTP(t testing.TB, root string) *httptest.Server {
	t.Helper()
	backend, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Fatalf("find git's exec path: %v", err)
	}
	h := &cgi.Handler{
		Path: filepath.Join(string(bytes.TrimSpace(backend)), "git-http-backend"),
		Env:  append(Env(Date()), "GIT_PROJECT_ROOT="+root, "GIT_HTTP_EXPORT_ALL=1"),
		// The backend's complaints about missing or broken repositories
		// are what the tests provoke; they reach the client as errors.
		Stderr: io.Discard,
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// ServeWith serves h on loopback, closed when the test ends: a stand-in
// for hosts that misbehave (ask for credentials, answer with HTML, never
// answer, ...).
func ServeWith(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
