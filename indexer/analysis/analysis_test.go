package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/govshare/govshare/registry"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// repository turns a txtar fixture from testdata/ into a filesystem.
func repository(t testing.TB, name string) fs.FS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestAnalyseGolden(t *testing.T) {
	tests := []struct {
		fixture string
		url     string
	}{
		{"forms", "https://git.example.org/city/example-forms.git"},
		{"tiles", "/home/dev/tiles"},
		{"invalid-publiccode", "git@git.example.org:region/survey-tool.git"},
		{"empty", "https://git.example.org/city/empty/"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			rec := &registry.Record{
				URL:         tt.url,
				Commit:      "0123456789abcdef0123456789abcdef01234567",
				Branch:      "main",
				CommittedAt: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
			}
			if err := Analyse(context.Background(), repository(t, tt.fixture), rec, Options{}); err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", tt.fixture+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("record mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnalyseKeepsReadmeText(t *testing.T) {
	rec := &registry.Record{URL: "https://git.example.org/city/example-forms.git"}
	if err := Analyse(context.Background(), repository(t, "forms"), rec, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "Example Forms\n\nExample Forms lets municipal offices build accessible online forms.\n\n" +
		"Install\n\ngo install example.org/forms@latest"
	if diff := cmp.Diff(want, rec.Readme.Text); diff != "" {
		t.Errorf("Readme.Text mismatch (-want +got):\n%s", diff)
	}
}

// cappedFS refuses files over a size, as the repository adapter does.
type cappedFS struct {
	fstest.MapFS
	limit int
}

func (c cappedFS) Open(name string) (fs.File, error) {
	if f, ok := c.MapFS[name]; ok && len(f.Data) > c.limit {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%w (%d MiB)", ErrTooLarge, len(f.Data)>>20)}
	}
	return c.MapFS.Open(name)
}

func TestAnalyseSkipsOversizedFiles(t *testing.T) {
	big := make([]byte, 12<<20)
	for i := range big {
		big[i] = 'a'
	}
	fsys := cappedFS{limit: 1 << 20, MapFS: fstest.MapFS{
		"README.md":      {Data: big},
		"publiccode.yml": {Data: big},
		"LICENSE":        {Data: big},
		"main.go":        {Data: []byte("package main\n")},
	}}
	rec := &registry.Record{URL: "https://git.example.org/city/big"}
	if err := Analyse(context.Background(), fsys, rec, Options{}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"skipped publiccode.yml: file too large to read (12 MiB)",
		"skipped README.md: file too large to read (12 MiB)",
		"skipped LICENSE: file too large to read (12 MiB)",
	}
	if diff := cmp.Diff(want, rec.Warnings); diff != "" {
		t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
	}
	if rec.Readme != nil || rec.Publiccode != nil {
		t.Errorf("Readme = %v, Publiccode = %v; want both nil", rec.Readme, rec.Publiccode)
	}
	if rec.License != "LicenseRef-govshare-unknown" {
		t.Errorf("License = %q, want the unknown reference (an unreadable LICENSE fails closed)", rec.License)
	}
	if diff := cmp.Diff([]registry.Language{{Name: "Go", Bytes: 13}}, rec.Languages); diff != "" {
		t.Errorf("Languages mismatch (-want +got):\n%s", diff)
	}
}

func TestAnalyseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := &registry.Record{URL: "https://git.example.org/city/example-forms.git"}
	err := Analyse(ctx, repository(t, "forms"), rec, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Analyse error = %v, want context.Canceled", err)
	}
	if diff := cmp.Diff(&registry.Record{URL: "https://git.example.org/city/example-forms.git"}, rec); diff != "" {
		t.Errorf("record changed on error (-want +got):\n%s", diff)
	}
}

func TestNameFromURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://github.com/italia/publiccode-parser-go.git", "publiccode-parser-go"},
		{"https://gitlab.example.org/group/sub/forms/", "forms"},
		{"git@github.com:org/forms.git", "forms"},
		{"/home/dev/forms", "forms"},
		{"file:///srv/git/forms.git", "forms"},
		{".", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := nameFromURL(tt.url); got != tt.want {
				t.Errorf("nameFromURL(%q) = %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}
