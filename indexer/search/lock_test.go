package search

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// lockHelperEnv, when set, makes the test binary act as a second govshare
// process: it opens the index directory named by the variable, prints the
// error it gets and exits.
const lockHelperEnv = "GOVSHARE_SEARCH_LOCK_HELPER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(lockHelperEnv); dir != "" {
		ix, err := Open(dir, nil)
		if err != nil {
			fmt.Printf("locked=%t\n%v\n", errors.Is(err, ErrLocked), err)
			os.Exit(0)
		}
		_ = ix.Close()
		fmt.Println("opened")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func lockedMessage(dir string, pid int) string {
	return fmt.Sprintf("search index %s is in use by another govshare process (pid %d); stop it or use another --data directory", dir, pid)
}

func TestOpenTwiceInOneProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	first := openDisk(t, dir)

	second, err := Open(dir, nil)
	if err == nil {
		second.Close()
		t.Fatal("second Open succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("error %v does not wrap ErrLocked", err)
	}
	if got, want := err.Error(), lockedMessage(dir, os.Getpid()); got != want {
		t.Errorf("error message:\n got %s\nwant %s", got, want)
	}

	mustClose(t, first)
	mustClose(t, openDisk(t, dir))
}

func TestOpenHeldByAnotherProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	runHelper := func() string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), lockHelperEnv+"="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("helper process: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}

	ix := openDisk(t, dir)
	want := "locked=true\n" + lockedMessage(dir, os.Getpid())
	if got := runHelper(); got != want {
		t.Errorf("second process while we hold the index:\n got %s\nwant %s", got, want)
	}

	mustClose(t, ix)
	if got := runHelper(); got != "opened" {
		t.Errorf("second process after we closed the index: %s, want opened", got)
	}
}

func TestLockedErrorWithoutPID(t *testing.T) {
	err := &lockedError{dir: "/data/index"}
	want := "search index /data/index is in use by another govshare process (pid unknown); stop it or use another --data directory"
	if err.Error() != want {
		t.Errorf("got %s\nwant %s", err, want)
	}
}
