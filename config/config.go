package config

import (
	"cmp"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is everything the govshare program can be told. The zero value is
// not useful: start from Default or Load.
type Config struct {
	// DataDir holds the database and the search index.
	DataDir string
	// Addr is the address the web server listens on, host:port.
	Addr string
	// ParticipantsFile is the operator's participants file; "" for none.
	ParticipantsFile string
	// CrawlInterval is how long the indexer waits between passes; 0 turns
	// the crawl loop of `serve` off.
	CrawlInterval time.Duration
	// Concurrency is how many repositories are fetched and analysed at once.
	Concurrency int
	// CloneTimeout bounds fetching one repository.
	CloneTimeout time.Duration
	// ListTimeout bounds asking a remote for its branches (ls-remote).
	ListTimeout time.Duration
	// MemoryCloneLimit is the largest pack cloned into memory; bigger
	// repositories are cloned to a temporary directory on disk. 0 sends
	// every clone to disk.
	MemoryCloneLimit int64
	// MaxPackBytes is the largest pack a clone may download.
	MaxPackBytes int64
	// MaxBlobBytes is the largest file the analysers read; bigger files are
	// skipped with a warning.
	MaxBlobBytes int64
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// TempDir is where on-disk clones go; "" means os.TempDir().
	TempDir string

	// WebhookSecret is the shared secret code hosts sign push webhooks
	// with; "" turns webhooks off.
	WebhookSecret string
	// DiscoveryTokens are access tokens for code hosts' APIs, by API host
	// name (api.github.com, gitlab.example.org), used to list
	// organisations' repositories.
	DiscoveryTokens map[string]string
	// AllowedSchemes are the URL schemes participants may register
	// (default https).
	AllowedSchemes []string
	// AllowedHosts, when not empty, are the only hosts participants may
	// register repositories on ("*.example.org" allowed).
	AllowedHosts []string
	// AllowPrivateAddresses lets participants register URLs that resolve
	// to loopback, private or link-local addresses: for closed networks
	// and tests only.
	AllowPrivateAddresses bool
	// TrustProxy makes the server believe X-Forwarded-For and
	// X-Forwarded-Proto: only when every request comes through a reverse
	// proxy that sets them.
	TrustProxy bool
}

// configKeys are the YAML keys of a configuration file, in Config's order.
var configKeys = []string{
	"data_dir", "addr", "participants", "crawl_interval", "concurrency",
	"clone_timeout", "list_timeout", "memory_clone_limit", "max_pack_bytes",
	"max_blob_bytes", "log_level", "temp_dir",
	"webhook_secret", "discovery_tokens", "allowed_schemes", "allowed_hosts", "allow_private_addresses",
	"trust_proxy",
}

// environmentVariable is a GOVSHARE_* variable and the YAML key it sets.
type environmentVariable struct{ name, key string }

// environment lists the environment variables Load reads, in the order it
// reads them.
var environment = []environmentVariable{
	{"GOVSHARE_DATA", "data_dir"},
	{"GOVSHARE_ADDR", "addr"},
	{"GOVSHARE_PARTICIPANTS", "participants"},
	{"GOVSHARE_CRAWL_INTERVAL", "crawl_interval"},
	{"GOVSHARE_CONCURRENCY", "concurrency"},
	{"GOVSHARE_LOG_LEVEL", "log_level"},
	{"GOVSHARE_WEBHOOK_SECRET", "webhook_secret"},
	{"GOVSHARE_DISCOVERY_TOKENS", "discovery_tokens"},
}

// Default returns the configuration used where nothing else is said.
func Default() Config {
	return Config{
		DataDir:          "./data",
		Addr:             "127.0.0.1:8080",
		ParticipantsFile: "",
		CrawlInterval:    time.Hour,
		Concurrency:      runtime.NumCPU(),
		CloneTimeout:     10 * time.Minute,
		ListTimeout:      time.Minute,
		MemoryCloneLimit: 64 << 20,
		MaxPackBytes:     2 << 30,
		MaxBlobBytes:     8 << 20,
		LogLevel:         "info",
		TempDir:          "",
		AllowedSchemes:   []string{"https"},
	}
}

// Load builds the configuration: Default, overlaid with the YAML file at
// path (none when path is ""), overlaid with the GOVSHARE_* environment
// variables that getenv returns a non-empty value for (none when getenv is
// nil). Relative paths in the file are taken from the file's directory;
// those in the environment are left as given. Every problem found, in the
// file, in the environment or in the resulting values, is returned at once
// as a *ValidationError.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	problems := problemList{file: path}
	// origins says where each key's value came from, for problems found
	// once all the values are in.
	origins := map[string]Problem{}
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return Config{}, fmt.Errorf("read config file: %w", err)
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return Config{}, fmt.Errorf("locate config file %s: %w", path, err)
		}
		c.overlayFile(data, filepath.Dir(abs), &problems, origins)
	}
	if getenv != nil {
		c.overlayEnvironment(getenv, &problems, origins)
	}
	for _, p := range c.problems() {
		if origin, ok := origins[p.Field]; ok {
			p.File, p.Line, p.Column, p.Field = origin.File, origin.Line, origin.Column, origin.Field
		}
		problems.problems = append(problems.problems, p)
	}
	// Problems with environment variables have no position: list them in
	// the order the variables are documented.
	slices.SortStableFunc(problems.problems, func(a, b Problem) int {
		return cmp.Compare(environmentIndex(a.Field), environmentIndex(b.Field))
	})
	if err := problems.err(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// environmentIndex returns the position of a variable in environment, or
// -1 for a name that is not one.
func environmentIndex(name string) int {
	return slices.IndexFunc(environment, func(v environmentVariable) bool { return v.name == name })
}

// overlayFile sets the values a YAML configuration file gives.
func (c *Config) overlayFile(data []byte, dir string, problems *problemList, origins map[string]Problem) {
	root, ok := decodeDocument(data, problems)
	if !ok || root == nil {
		return
	}
	if root.Kind != yaml.MappingNode {
		problems.at(root, "", "a configuration file must be a mapping of settings, not %s", kindName(root))
		return
	}
	fields := readMapping(root, "", configKeys, problems)
	for _, key := range configKeys {
		entry, ok := fields.entries[key]
		if !ok {
			continue
		}
		text, ok := scalarText(entry.value, key, problems)
		if !ok {
			continue
		}
		if err := c.set(key, text, dir); err != nil {
			problems.at(entry.value, key, "%v", err)
			continue
		}
		origins[key] = Problem{File: problems.file, Line: entry.value.Line, Column: entry.value.Column, Field: key}
	}
}

// overlayEnvironment sets the values the GOVSHARE_* variables give.
func (c *Config) overlayEnvironment(getenv func(string) string, problems *problemList, origins map[string]Problem) {
	for _, v := range environment {
		text := getenv(v.name)
		if text == "" {
			continue
		}
		if err := c.set(v.key, text, ""); err != nil {
			problems.problems = append(problems.problems, Problem{Field: v.name, Message: err.Error()})
			continue
		}
		origins[v.key] = Problem{Field: v.name}
	}
}

// set parses text as the value for a YAML key, leaving the value as it was
// when text does not parse. Relative paths are taken from dir unless it is
// "".
func (c *Config) set(key, text, dir string) error {
	switch key {
	case "data_dir":
		c.DataDir = pathFrom(dir, text)
	case "addr":
		c.Addr = text
	case "participants":
		c.ParticipantsFile = pathFrom(dir, text)
	case "crawl_interval":
		return parseInto(&c.CrawlInterval, text, parseDuration)
	case "concurrency":
		return parseInto(&c.Concurrency, text, parseCount)
	case "clone_timeout":
		return parseInto(&c.CloneTimeout, text, parseDuration)
	case "list_timeout":
		return parseInto(&c.ListTimeout, text, parseDuration)
	case "memory_clone_limit":
		return parseInto(&c.MemoryCloneLimit, text, parseByteSize)
	case "max_pack_bytes":
		return parseInto(&c.MaxPackBytes, text, parseByteSize)
	case "max_blob_bytes":
		return parseInto(&c.MaxBlobBytes, text, parseByteSize)
	case "log_level":
		c.LogLevel = strings.ToLower(text)
	case "temp_dir":
		c.TempDir = pathFrom(dir, text)
	case "webhook_secret":
		c.WebhookSecret = text
	case "discovery_tokens":
		var tokens map[string]string
		for _, pair := range commaList(text) {
			if tokens == nil {
				tokens = map[string]string{}
			}
			host, token, ok := strings.Cut(pair, "=")
			if !ok || host == "" || token == "" {
				return fmt.Errorf("write host=token pairs separated by commas, e.g. api.github.com=TOKEN")
			}
			tokens[strings.ToLower(host)] = token
		}
		c.DiscoveryTokens = tokens
	case "allowed_schemes":
		c.AllowedSchemes = commaList(strings.ToLower(text))
	case "allowed_hosts":
		c.AllowedHosts = commaList(strings.ToLower(text))
	case "allow_private_addresses":
		v, err := strconv.ParseBool(text)
		if err != nil {
			return fmt.Errorf("must be true or false, not %q", text)
		}
		c.AllowPrivateAddresses = v
	case "trust_proxy":
		v, err := strconv.ParseBool(text)
		if err != nil {
			return fmt.Errorf("must be true or false, not %q", text)
		}
		c.TrustProxy = v
	default:
		return fmt.Errorf("unknown setting %q", key)
	}
	return nil
}

// parseInto sets *dst to parse(text) when that succeeds.
func parseInto[T any](dst *T, text string, parse func(string) (T, error)) error {
	v, err := parse(text)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// pathFrom returns p taken from dir when p is relative and dir is not "".
func pathFrom(dir, p string) string {
	if p == "" || dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

func parseDuration(text string) (time.Duration, error) {
	d, err := time.ParseDuration(text)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: write a number with a unit, such as 90s, 10m or 1h", text)
	}
	return d, nil
}

func parseCount(text string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", text)
	}
	return n, nil
}

// Validate checks that every value is usable, and returns a
// *ValidationError naming each one that is not by its YAML key.
func (c Config) Validate() error {
	l := problemList{problems: c.problems()}
	return l.err()
}

// problems lists what is wrong with the values, each named by YAML key.
func (c Config) problems() []Problem {
	var problems []Problem
	add := func(key, format string, args ...any) {
		problems = append(problems, Problem{Field: key, Message: fmt.Sprintf(format, args...)})
	}
	if c.DataDir == "" {
		add("data_dir", "must not be empty")
	}
	if msg := checkAddr(c.Addr); msg != "" {
		add("addr", "%s", msg)
	}
	positive := []struct {
		key   string
		value time.Duration
	}{{"clone_timeout", c.CloneTimeout}, {"list_timeout", c.ListTimeout}}
	if c.CrawlInterval < 0 {
		add("crawl_interval", "must not be negative (0 turns crawling off), not %s", c.CrawlInterval)
	}
	for _, d := range positive {
		if d.value <= 0 {
			add(d.key, "must be longer than zero, not %s", d.value)
		}
	}
	if c.Concurrency < 1 {
		add("concurrency", "must be at least 1, not %d", c.Concurrency)
	}
	if c.MemoryCloneLimit < 0 {
		add("memory_clone_limit", "must not be negative (0 sends every clone to disk)")
	}
	if c.MaxPackBytes <= 0 {
		add("max_pack_bytes", "must be more than zero")
	}
	if c.MaxBlobBytes <= 0 {
		add("max_blob_bytes", "must be more than zero")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		add("log_level", "%q is not a log level: use debug, info, warn or error", c.LogLevel)
	}
	return problems
}

// checkAddr returns what is wrong with a listen address, or "".
func checkAddr(addr string) string {
	const want = "must be host:port, such as 127.0.0.1:8080 or :8080"
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Sprintf("%q %s", addr, want)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Sprintf("%q has no valid port number: it %s", addr, want)
	}
	return ""
}

// SlogLevel returns LogLevel as a slog.Level; Info when LogLevel is not
// valid.
func (c Config) SlogLevel() slog.Level {
	switch c.LogLevel {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// commaList splits "a, b,c" into its non-empty, trimmed parts.
func commaList(text string) []string {
	var out []string
	for _, part := range strings.Split(text, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
