package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/govshare/govshare/config"
	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/indexer/analysis"
	"github.com/govshare/govshare/indexer/gitfetch"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// app is one invocation of the program, with everything it touches of the
// outside world passed in so that tests can run it in-process.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// onListen, if set, is told the address serve listens on (tests use
	// it with --addr 127.0.0.1:0).
	onListen func(addr string)
	// isTerminal reports whether w is a terminal, for the progress bar.
	isTerminal func(w io.Writer) bool
}

func newApp(stdout, stderr io.Writer, getenv func(string) string) *app {
	return &app{stdout: stdout, stderr: stderr, getenv: getenv, isTerminal: isTerminal}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

type command struct {
	name, args, summary string
	run                 func(a *app, ctx context.Context, args []string) error
}

var commands = []command{
	{"index", "[--data DIR] [--participants FILE]", "crawl every source once, index it, print a summary, exit", (*app).index},
	{"serve", "[--data DIR] [--addr HOST:PORT] [--participants FILE]", "serve the catalogue and API, crawling on a schedule", (*app).serve},
	{"inspect", "[--json] TARGET", "analyse one repository (a local path or a git URL) without a store", (*app).inspect},
	{"reindex", "[--data DIR]", "rebuild the search index from the store", (*app).reindex},
	{"participant", "add --id ID --name NAME --country CC [--website URL]", "add a participant (a government body)", (*app).participant},
	{"token", "create|list|revoke ...", "manage API tokens: shown once, stored as a hash, revocable", (*app).token},
}

// run runs one command line and returns the process's exit code.
func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		a.usage(a.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(a, ctx, args[1:])
			var ue usageError
			switch {
			case err == nil, errors.Is(err, flag.ErrHelp):
				return exitOK
			case errors.As(err, &ue):
				fmt.Fprintf(a.stderr, "govshare %s: %v\nRun 'govshare %s --help' for usage.\n", c.name, err, c.name)
				return exitUsage
			case errors.Is(err, errChecksFailed):
				return exitFailure
			default:
				fmt.Fprintf(a.stderr, "govshare %s: %v\n", c.name, err)
				return exitFailure
			}
		}
	}
	fmt.Fprintf(a.stderr, "govshare: unknown command %q\n\n", args[0])
	a.usage(a.stderr)
	return exitUsage
}

func (a *app) usage(w io.Writer) {
	fmt.Fprintln(w, "govshare: the registry where governments share their open-source code.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  govshare %-8s %s\n      %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'govshare COMMAND --help' for a command's flags. Configuration also comes from")
	fmt.Fprintln(w, "--config FILE and GOVSHARE_* environment variables; flags win. See the README.")
}

// usageError is a mistake in the command line.
type usageError struct{ error }

// errChecksFailed ends a command that has already said why it failed.
var errChecksFailed = errors.New("checks failed")

// settings is what the commands share: the configuration, from file,
// environment and flags, and the logger it implies.
type settings struct {
	configFile string
	cfg        config.Config
	// flags set explicitly, applied over the loaded configuration
	overrides []func(*config.Config)
}

func (s *settings) stringFlag(fs *flag.FlagSet, name, usage string, def string, apply func(*config.Config, string)) {
	fs.Func(name, fmt.Sprintf("%s (default %q)", usage, def), func(v string) error {
		s.overrides = append(s.overrides, func(c *config.Config) { apply(c, v) })
		return nil
	})
}

// newFlagSet makes a command's flag set with the flags every command takes.
func (a *app) newFlagSet(name, args, about string, s *settings) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: govshare %s %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	fs.StringVar(&s.configFile, "config", "", "configuration file (YAML); GOVSHARE_* variables and flags override it")
	d := config.Default()
	s.stringFlag(fs, "log-level", "log level: debug, info, warn or error", d.LogLevel, func(c *config.Config, v string) { c.LogLevel = v })
	return fs
}

func (s *settings) dataFlag(fs *flag.FlagSet) {
	s.stringFlag(fs, "data", "data directory: the database and the search index", config.Default().DataDir,
		func(c *config.Config, v string) { c.DataDir = v })
}

func (s *settings) participantsFlag(fs *flag.FlagSet) {
	s.stringFlag(fs, "participants", "participants file (YAML) to sync into the registry before crawling", "",
		func(c *config.Config, v string) { c.ParticipantsFile = v })
}

func (s *settings) concurrencyFlag(fs *flag.FlagSet) {
	fs.Func("concurrency", "repositories fetched at once (default: number of CPUs)", func(v string) error {
		var n int
		if _, err := fmt.Sscan(v, &n); err != nil || n < 1 {
			return fmt.Errorf("want a whole number of at least 1")
		}
		s.overrides = append(s.overrides, func(c *config.Config) { c.Concurrency = n })
		return nil
	})
}

// parse parses args, which must leave at most maxArgs arguments after the
// flags, and loads the configuration they point at.
func (a *app) parse(fs *flag.FlagSet, s *settings, args []string, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > maxArgs {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(maxArgs))}
	}
	cfg, err := config.Load(s.configFile, a.getenv)
	if err != nil {
		return err
	}
	for _, apply := range s.overrides {
		apply(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	s.cfg = cfg
	return nil
}

func (a *app) logger(cfg config.Config) *slog.Logger {
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: cfg.SlogLevel()}))
}

func fetcherFor(cfg config.Config, logger *slog.Logger) *gitfetch.Fetcher {
	memoryLimit := cfg.MemoryCloneLimit
	if memoryLimit == 0 {
		memoryLimit = -1 // configured as "always clone to disk"
	}
	return gitfetch.New(gitfetch.Options{
		TempDir:      cfg.TempDir,
		MemoryLimit:  memoryLimit,
		MaxPackBytes: cfg.MaxPackBytes,
		MaxBlobBytes: cfg.MaxBlobBytes,
		ListTimeout:  cfg.ListTimeout,
		CloneTimeout: cfg.CloneTimeout,
		Logger:       logger,
	})
}

func crawlerOptions(cfg config.Config, logger *slog.Logger) indexer.Options {
	return indexer.Options{
		Concurrency: cfg.Concurrency,
		Analysis:    analysis.Options{MaxReadBytes: cfg.MaxBlobBytes},
		Logger:      logger,
	}
}

// since formats a duration for people: 1.2s, 340ms.
func since(start time.Time) string {
	d := time.Since(start)
	if d > time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// plural returns "1 repository" or "3 repositories".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// oneLine folds an error message onto one line for tables and logs.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
