package search

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// ErrLocked is wrapped by the error Open returns when another process holds
// the index directory.
var ErrLocked = errors.New("search index is locked")

// lockedError names the directory and, when it could be read, the process
// that holds it, so that a person knows what to stop.
type lockedError struct {
	dir string
	pid int // 0 when the holder had not written its pid yet
}

func (e *lockedError) Error() string {
	holder := "pid unknown"
	if e.pid > 0 {
		holder = "pid " + strconv.Itoa(e.pid)
	}
	return fmt.Sprintf("search index %s is in use by another govshare process (%s); stop it or use another --data directory", e.dir, holder)
}

func (e *lockedError) Is(target error) bool { return target == ErrLocked }

// dirLock is an exclusive flock on a file beside the index directory. The
// file lives outside the directory so that wiping the index keeps the lock.
// flock conflicts between open file descriptions, so a second Open in the
// same process is refused just like one from another process.
type dirLock struct {
	file *os.File
}

// lockPath is the lock file for an index directory: <dir>.lock.
func lockPath(dir string) string { return filepath.Clean(dir) + ".lock" }

// acquireLock takes the lock for dir without waiting, and records the pid of
// this process in the lock file.
func acquireLock(dir string) (*dirLock, error) {
	path := lockPath(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create directory for %s: %w", path, err)
	}
	// No O_TRUNC: the pid in the file belongs to the holder until we hold
	// the lock ourselves.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", path, err)
	}
	if err := flockNonBlocking(f); err != nil {
		pid := readPID(f)
		_ = f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, &lockedError{dir: dir, pid: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := writePID(f, os.Getpid()); err != nil {
		_ = f.Close() // closing releases the lock
		return nil, fmt.Errorf("write pid to %s: %w", path, err)
	}
	return &dirLock{file: f}, nil
}

// flockNonBlocking never waits: a held lock is reported as EWOULDBLOCK.
func flockNonBlocking(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

func writePID(f *os.File, pid int) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(pid)+"\n"), 0)
	return err
}

// readPID returns the pid recorded in the lock file, or 0 when there is
// none yet (the holder may be between locking and writing).
func readPID(f *os.File) int {
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 32))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// release unlocks by closing the file. The file itself stays: removing it
// would let two processes lock two different files of the same name.
func (l *dirLock) release() error {
	if err := l.file.Close(); err != nil {
		return fmt.Errorf("release lock %s: %w", l.file.Name(), err)
	}
	return nil
}
