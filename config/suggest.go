package config

import (
	"slices"
	"strings"
)

// keyAliases maps field names people plausibly write, flattened as by
// flatKey, to the field they meant. A hint is only given when the target is a field in that place.
var keyAliases = map[string]string{
	"url":              "repo",
	"repository":       "repo",
	"git":              "repo",
	"repos":            "sources",
	"repositories":     "sources",
	"homepage":         "website",
	"web":              "website",
	"site":             "website",
	"title":            "name",
	"countrycode":      "country",
	"participant":      "participants",
	"data":             "data_dir",
	"datadir":          "data_dir",
	"listen":           "addr",
	"address":          "addr",
	"participantsfile": "participants",
	"interval":         "crawl_interval",
	"workers":          "concurrency",
	"log":              "log_level",
	"tmpdir":           "temp_dir",
}

// suggestKey returns the known field that an unknown key most likely meant,
// or "" when none is close: the same word in other case or spelling
// (dataDir, data-dir), a common synonym, or a small typing slip.
func suggestKey(key string, known []string) string {
	flat := flatKey(key)
	for _, k := range known {
		if flatKey(k) == flat {
			return k
		}
	}
	if target, ok := keyAliases[flat]; ok && slices.Contains(known, target) {
		return target
	}
	best, bestDistance := "", 3 // suggest only within two edits
	for _, k := range known {
		d := editDistance(strings.ToLower(key), k)
		if d < bestDistance && d < len(k) {
			best, bestDistance = k, d
		}
	}
	return best
}

// flatKey lower-cases a key and drops separators, so that dataDir, data-dir
// and data_dir compare equal.
func flatKey(key string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(key))
}

// editDistance is the Levenshtein distance between a and b, counted in
// runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
