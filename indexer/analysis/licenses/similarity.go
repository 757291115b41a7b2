package licenses

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/govshare/govshare/indexer/analysis/licenses/spdx"
)

const (
	// modifiedSimilarity is the similarity above which a text that matches
	// no licence is taken for a modified copy of the closest one: it shares
	// most of its wording, but a clause was changed, added or removed.
	modifiedSimilarity = 0.5
	// closestSimilarity is the similarity above which an unknown text is
	// still worth naming its closest licence.
	closestSimilarity = 0.25
	// canonicalContainment is the share of a passage's shingles that must
	// appear in a licence's SPDX text for the passage to count as part of
	// that licence (the trailer of the Creative Commons texts, say).
	canonicalContainment = 0.6
)

// reference is one embedded SPDX licence text, prepared for comparison.
type reference struct {
	id       string
	words    []string
	shingles map[uint64]struct{}
}

// references are built on first use (a few milliseconds) from the texts
// package spdx embeds, and only read afterwards.
var references = sync.OnceValue(func() []reference {
	var refs []reference
	for _, id := range spdx.TextIDs() {
		text, _ := spdx.Text(id)
		ws := words(text)
		refs = append(refs, reference{id: id, words: ws, shingles: shingles(ws)})
	}
	return refs
})

// referenceOf returns the embedded SPDX text of id (matched with or
// without a GNU "-only" suffix), or false when none is embedded.
func referenceOf(id string) (reference, bool) {
	for _, r := range references() {
		if r.id == id || (isGNU(id) && family(r.id) == family(id)) {
			return r, true
		}
	}
	return reference{}, false
}

// A copy of a licence that differs from its SPDX text only at the edges is
// that licence, not a modified one: a title and the copyright line under it
// left out (up to maxMissingHead words), a closing "END OF TERMS" left out
// (up to maxMissingTail), a copyright line put on top (up to maxCopyrightHead
// words starting with "copyright"). Anything else that differs is a change.
const (
	maxMissingHead   = 20
	maxMissingTail   = 10
	maxCopyrightHead = 12
)

// trimmedCopy reports whether ws is the SPDX text of id word for word but
// for its edges (see maxMissingHead), and how many of its words are missing.
func trimmedCopy(ws []string, id string) (int, bool) {
	ref, ok := referenceOf(id)
	if !ok {
		return 0, false
	}
	r := ref.words
	extra := 0
	if len(ws) > 0 && ws[0] == "copyright" {
		extra = maxCopyrightHead
	}
	for t0 := 0; t0 <= extra && t0 < len(ws); t0++ {
		body := ws[t0:]
		for s := 0; s <= maxMissingHead && s+len(body) <= len(r); s++ {
			if tail := len(r) - s - len(body); tail <= maxMissingTail && slices.Equal(body, r[s:s+len(body)]) {
				return s + tail, true
			}
		}
	}
	return 0, false
}

// closestLicence returns the embedded licence text most similar to text,
// with its similarity (the Dice coefficient of their shingle sets, from 0
// to 1). The id of a GNU text is the bare family ("GPL-3.0"): a text alone
// never says "-only" or "-or-later".
func closestLicence(text string) (string, float64) {
	set := shingles(words(text))
	if len(set) == 0 {
		return "", 0
	}
	best, score := "", 0.0
	for _, r := range references() {
		s := 2 * float64(shared(set, r.shingles)) / float64(len(set)+len(r.shingles))
		if s > score {
			best, score = r.id, s
		}
	}
	if isGNU(best) {
		best = family(best)
	}
	return best, math.Round(score*100) / 100
}

// partOfLicence reports whether passage is wording of the SPDX text of one
// of ids, rather than text someone added.
func partOfLicence(passage string, ids []string) bool {
	set := shingles(words(passage))
	if len(set) == 0 {
		return false
	}
	for _, id := range ids {
		ref, ok := referenceOf(id)
		if ok && float64(shared(set, ref.shingles)) >= canonicalContainment*float64(len(set)) {
			return true
		}
	}
	return false
}

// isGNU reports whether id belongs to a GNU licence family whose version
// suffix (-only, -or-later) the text alone cannot settle.
func isGNU(id string) bool {
	for _, p := range []string{"GPL-", "LGPL-", "AGPL-", "GFDL-"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}
