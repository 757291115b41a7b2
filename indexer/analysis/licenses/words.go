package licenses

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// words splits text into lower-case words: runs of letters and digits.
// Punctuation, quotes and markup are dropped, as licensecheck drops them.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// shingleSize is how many consecutive words make one shingle: enough to
// tell licences apart, few enough that one changed word costs little.
const shingleSize = 3

// shingles returns the set of hashed word triples of ws. Comparing sets of
// shingles measures how much two texts share regardless of where.
func shingles(ws []string) map[uint64]struct{} {
	set := make(map[uint64]struct{}, len(ws))
	h := fnv.New64a()
	for i := 0; i+shingleSize <= len(ws); i++ {
		h.Reset()
		for _, w := range ws[i : i+shingleSize] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		set[h.Sum64()] = struct{}{}
	}
	return set
}

// shared counts the shingles a and b have in common.
func shared(a, b map[uint64]struct{}) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for s := range a {
		if _, ok := b[s]; ok {
			n++
		}
	}
	return n
}
