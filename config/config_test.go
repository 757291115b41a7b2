package config

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDefault(t *testing.T) {
	want := Config{
		DataDir:          "./data",
		Addr:             "127.0.0.1:8080",
		CrawlInterval:    time.Hour,
		Concurrency:      runtime.NumCPU(),
		CloneTimeout:     10 * time.Minute,
		ListTimeout:      time.Minute,
		MemoryCloneLimit: 64 * 1024 * 1024,
		MaxPackBytes:     2 * 1024 * 1024 * 1024,
		MaxBlobBytes:     8 * 1024 * 1024,
		LogLevel:         "info",
		AllowedSchemes:   []string{"https"},
	}
	got := Default()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Default() mismatch (-want +got):\n%s", diff)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("Default() does not validate: %v", err)
	}
}

func TestLoad(t *testing.T) {
	// DIR stands for the directory holding the configuration file.
	tests := []struct {
		name string
		// file is the configuration file's content; nil for no file.
		file *string
		env  map[string]string
		// change turns Default into the expected Config.
		change func(c *Config)
		// problems, when not nil, are the expected error's lines.
		problems []string
	}{
		{
			name:   "nothing given",
			change: func(*Config) {},
		},
		{
			name:   "empty file",
			file:   ptr("# nothing set\n"),
			change: func(*Config) {},
		},
		{
			name: "every key in the file",
			file: ptr(`
data_dir: /var/lib/govshare
addr: ":9090"
participants: participants.yaml
crawl_interval: 30m
concurrency: 3
clone_timeout: 2m30s
list_timeout: 20s
memory_clone_limit: 16MiB
max_pack_bytes: 1073741824
max_blob_bytes: 512KiB
log_level: DEBUG
temp_dir: tmp
`),
			change: func(c *Config) {
				c.DataDir = "/var/lib/govshare"
				c.Addr = ":9090"
				c.ParticipantsFile = "DIR/participants.yaml"
				c.CrawlInterval = 30 * time.Minute
				c.Concurrency = 3
				c.CloneTimeout = 150 * time.Second
				c.ListTimeout = 20 * time.Second
				c.MemoryCloneLimit = 16 << 20
				c.MaxPackBytes = 1 << 30
				c.MaxBlobBytes = 512 << 10
				c.LogLevel = "debug"
				c.TempDir = "DIR/tmp"
			},
		},
		{
			name: "environment over file",
			file: ptr("data_dir: data\naddr: 127.0.0.1:1\nconcurrency: 2\nlog_level: warn\n"),
			env: map[string]string{
				"GOVSHARE_DATA":           "relative/data",
				"GOVSHARE_ADDR":           "0.0.0.0:80",
				"GOVSHARE_PARTICIPANTS":   "/etc/govshare/participants.yaml",
				"GOVSHARE_CRAWL_INTERVAL": "6h",
				"GOVSHARE_CONCURRENCY":    "16",
				"GOVSHARE_LOG_LEVEL":      "error",
			},
			change: func(c *Config) {
				c.DataDir = "relative/data"
				c.Addr = "0.0.0.0:80"
				c.ParticipantsFile = "/etc/govshare/participants.yaml"
				c.CrawlInterval = 6 * time.Hour
				c.Concurrency = 16
				c.LogLevel = "error"
			},
		},
		{
			name:   "empty variables are unset",
			file:   ptr("concurrency: 2\n"),
			env:    map[string]string{"GOVSHARE_CONCURRENCY": ""},
			change: func(c *Config) { c.Concurrency = 2 },
		},
		{
			name:   "empty participants and temp_dir",
			file:   ptr("participants: \"\"\ntemp_dir:\n"),
			change: func(*Config) {},
		},
		{
			name: "problems in the file",
			file: ptr(`concurency: 4
data_dir: ""
addr: localhost
crawl_interval: 3600
concurrency: 0
clone_timeout: -1m
list_timeout: [1m]
memory_clone_limit: 64MB!
max_pack_bytes: 0
log_level: verbose
addr: ":1"
`),
			problems: []string{
				`DIR/govshare.yaml:1:1: concurency: unknown field "concurency" (did you mean "concurrency"?)`,
				`DIR/govshare.yaml:2:11: data_dir: must not be empty`,
				`DIR/govshare.yaml:3:7: addr: "localhost" must be host:port, such as 127.0.0.1:8080 or :8080`,
				`DIR/govshare.yaml:4:17: crawl_interval: "3600" is not a duration: write a number with a unit, such as 90s, 10m or 1h`,
				`DIR/govshare.yaml:5:14: concurrency: must be at least 1, not 0`,
				`DIR/govshare.yaml:6:16: clone_timeout: must be longer than zero, not -1m0s`,
				`DIR/govshare.yaml:7:15: list_timeout: must be a single value, not a list`,
				`DIR/govshare.yaml:8:21: memory_clone_limit: "64MB!" is not a size: write a number of bytes, or a whole number with a unit such as 64MiB or 2GiB`,
				`DIR/govshare.yaml:9:17: max_pack_bytes: must be more than zero`,
				`DIR/govshare.yaml:10:12: log_level: "verbose" is not a log level: use debug, info, warn or error`,
				`DIR/govshare.yaml:11:1: addr: duplicate field "addr" (first given on line 3)`,
			},
		},
		{
			name: "problems in the environment",
			env: map[string]string{
				"GOVSHARE_ADDR":           "8080",
				"GOVSHARE_CRAWL_INTERVAL": "soon",
				"GOVSHARE_CONCURRENCY":    "-2",
				"GOVSHARE_LOG_LEVEL":      "loud",
			},
			problems: []string{
				`GOVSHARE_ADDR: "8080" must be host:port, such as 127.0.0.1:8080 or :8080`,
				`GOVSHARE_CRAWL_INTERVAL: "soon" is not a duration: write a number with a unit, such as 90s, 10m or 1h`,
				`GOVSHARE_CONCURRENCY: must be at least 1, not -2`,
				`GOVSHARE_LOG_LEVEL: "loud" is not a log level: use debug, info, warn or error`,
			},
		},
		{
			name: "a bad variable leaves the file's value, and both are reported",
			file: ptr("concurrency: 0\n"),
			env:  map[string]string{"GOVSHARE_CONCURRENCY": "many"},
			problems: []string{
				`GOVSHARE_CONCURRENCY: "many" is not a whole number`,
				`DIR/govshare.yaml:1:14: concurrency: must be at least 1, not 0`,
			},
		},
		{
			name:     "file is not a mapping",
			file:     ptr("- data_dir: x\n"),
			problems: []string{`DIR/govshare.yaml:1:1: a configuration file must be a mapping of settings, not a list`},
		},
		{
			name:     "malformed file",
			file:     ptr("addr: \"unclosed\n"),
			problems: []string{`DIR/govshare.yaml:2: invalid YAML: found unexpected end of stream`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := ""
			if tt.file != nil {
				path = filepath.Join(dir, "govshare.yaml")
				if err := os.WriteFile(path, []byte(*tt.file), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			getenv := func(name string) string { return tt.env[name] }
			got, err := Load(path, getenv)
			if tt.problems != nil {
				var lines []string
				if err != nil {
					lines = strings.Split(strings.ReplaceAll(err.Error(), dir, "DIR"), "\n")
				}
				if diff := cmp.Diff(tt.problems, lines); diff != "" {
					t.Errorf("Load problems mismatch (-want +got):\n%s", diff)
				}
				var verr *ValidationError
				if !errors.As(err, &verr) {
					t.Errorf("Load error is %T, want *ValidationError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := Default()
			tt.change(&want)
			want.ParticipantsFile = strings.ReplaceAll(want.ParticipantsFile, "DIR", dir)
			want.TempDir = strings.ReplaceAll(want.TempDir, "DIR", dir)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Load mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestLoadNilGetenv(t *testing.T) {
	got, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Default(), got); diff != "" {
		t.Errorf("Load mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.yaml"), nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want one wrapping fs.ErrNotExist", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   []string
	}{
		{name: "default", change: func(*Config) {}},
		{name: "disk only clones", change: func(c *Config) { c.MemoryCloneLimit = 0 }},
		{name: "any interface", change: func(c *Config) { c.Addr = ":8080" }},
		{name: "IPv6", change: func(c *Config) { c.Addr = "[::1]:8080" }},
		{
			name: "everything wrong",
			change: func(c *Config) {
				*c = Config{Addr: "host:http", CrawlInterval: -time.Second, MemoryCloneLimit: -1, MaxBlobBytes: -5}
			},
			want: []string{
				"data_dir: must not be empty",
				`addr: "host:http" has no valid port number: it must be host:port, such as 127.0.0.1:8080 or :8080`,
				"crawl_interval: must not be negative (0 turns crawling off), not -1s",
				"clone_timeout: must be longer than zero, not 0s",
				"list_timeout: must be longer than zero, not 0s",
				"concurrency: must be at least 1, not 0",
				"memory_clone_limit: must not be negative (0 sends every clone to disk)",
				"max_pack_bytes: must be more than zero",
				"max_blob_bytes: must be more than zero",
				`log_level: "" is not a log level: use debug, info, warn or error`,
			},
		},
		{name: "port out of range", change: func(c *Config) { c.Addr = "127.0.0.1:70000" }, want: []string{
			`addr: "127.0.0.1:70000" has no valid port number: it must be host:port, such as 127.0.0.1:8080 or :8080`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			var got []string
			if err := c.Validate(); err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSlogLevel(t *testing.T) {
	for level, want := range map[string]slog.Level{
		"debug": slog.LevelDebug,
		"info":  slog.LevelInfo,
		"warn":  slog.LevelWarn,
		"error": slog.LevelError,
		"":      slog.LevelInfo,
	} {
		if got := (Config{LogLevel: level}).SlogLevel(); got != want {
			t.Errorf("SlogLevel for %q = %v, want %v", level, got, want)
		}
	}
}

// TestConfigExample keeps govshare.example.yaml loadable, equal to the
// defaults apart from the paths, which are taken from the file's directory,
// and documenting every key.
func TestConfigExample(t *testing.T) {
	const path = "govshare.example.yaml"
	got, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	want.DataDir = filepath.Join(dir, "data")
	want.ParticipantsFile = filepath.Join(dir, "participants.example.yaml")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load(%s) mismatch (-want +got):\n%s", path, diff)
	}
	if _, err := LoadParticipants(got.ParticipantsFile); err != nil {
		t.Errorf("the example's participants file does not load: %v", err)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range configKeys {
		documented := regexp.MustCompile(`(?m)^# .*\n(#? ?)` + key + `:`)
		if !documented.Match(data) {
			t.Errorf("%s does not set %s under a comment explaining it", path, key)
		}
	}
	for _, v := range environment {
		if !strings.Contains(string(data), v.name) {
			t.Errorf("%s does not mention %s", path, v.name)
		}
	}
}

func TestAccessSettings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "govshare.yaml")
	os.WriteFile(path, []byte("allowed_schemes: https, HTTP\nallowed_hosts: github.com,*.gov.uk\nallow_private_addresses: true\n"), 0o644)
	env := map[string]string{
		"GOVSHARE_WEBHOOK_SECRET":   "s3cret",
		"GOVSHARE_DISCOVERY_TOKENS": "API.github.com=ghp_1, gitlab.example.org=glpat-2",
	}
	c, err := Load(path, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"https", "http"}, c.AllowedSchemes); diff != "" {
		t.Errorf("schemes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"github.com", "*.gov.uk"}, c.AllowedHosts); diff != "" {
		t.Errorf("hosts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"api.github.com": "ghp_1", "gitlab.example.org": "glpat-2"}, c.DiscoveryTokens); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	if !c.AllowPrivateAddresses || c.WebhookSecret != "s3cret" {
		t.Errorf("config: %+v", c)
	}

	os.WriteFile(path, []byte("allow_private_addresses: sometimes\ndiscovery_tokens: justatoken\n"), 0o644)
	_, err = Load(path, nil)
	if err == nil || !strings.Contains(err.Error(), "1:26: allow_private_addresses: must be true or false") ||
		!strings.Contains(err.Error(), "2:19: discovery_tokens: write host=token pairs") {
		t.Errorf("bad settings: %v", err)
	}
}
