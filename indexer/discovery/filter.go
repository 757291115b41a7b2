package discovery

import (
	"path"
	"strings"

	"github.com/govshare/govshare/registry"
)

// Filter returns the repositories f keeps, in their order: forks and
// archived repositories are dropped when f says so; then, when f has
// Include patterns, only repositories matching one of them stay; and any
// matching an Exclude pattern go.
//
// A pattern is a path.Match pattern matched without regard to case against
// as many trailing segments of the repository's full name as the pattern
// has: "api-*" against the repository's own name, "platform/*" against a
// GitLab subgroup and name. A malformed pattern matches nothing;
// ValidateFilters reports it.
func Filter(repos []registry.DiscoveredRepo, f registry.SourceFilters) []registry.DiscoveredRepo {
	kept := make([]registry.DiscoveredRepo, 0, len(repos))
	for _, r := range repos {
		switch {
		case f.SkipForks && r.Fork,
			f.SkipArchived && r.Archived,
			len(f.Include) > 0 && !matchesAny(f.Include, r.Name),
			matchesAny(f.Exclude, r.Name):
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// ValidateFilters reports the first malformed pattern of f as a
// *registry.Error with code EINVALID.
func ValidateFilters(f registry.SourceFilters) error {
	for _, p := range append(append([]string{}, f.Include...), f.Exclude...) {
		if strings.TrimSpace(p) == "" {
			return registry.Errorf(registry.EINVALID, "a filter pattern is empty")
		}
		if _, err := path.Match(p, ""); err != nil {
			return registry.Errorf(registry.EINVALID,
				"filter pattern %q is malformed: use * for any characters, ? for one, [abc] for a set", p)
		}
	}
	return nil
}

func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if matches(p, name) {
			return true
		}
	}
	return false
}

func matches(pattern, name string) bool {
	pattern, name = strings.ToLower(pattern), strings.ToLower(name)
	segs := strings.Split(name, "/")
	want := strings.Count(pattern, "/") + 1
	if want > len(segs) {
		return false
	}
	ok, err := path.Match(pattern, strings.Join(segs[len(segs)-want:], "/"))
	return err == nil && ok
}
