package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// byteUnits are the size suffixes accepted, lower-cased: binary (KiB) and
// decimal (KB) multiples.
var byteUnits = map[string]int64{
	"":    1,
	"b":   1,
	"kb":  1000,
	"mb":  1000 * 1000,
	"gb":  1000 * 1000 * 1000,
	"tb":  1000 * 1000 * 1000 * 1000,
	"kib": 1 << 10,
	"mib": 1 << 20,
	"gib": 1 << 30,
	"tib": 1 << 40,
}

// parseByteSize reads a size written as plain bytes ("67108864") or as a
// whole number with a unit ("64MiB", "2 GiB", "500MB"; units are not case
// sensitive).
func parseByteSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && '0' <= s[end] && s[end] <= '9' {
		end++
	}
	unit, ok := byteUnits[strings.ToLower(strings.TrimSpace(s[end:]))]
	if end == 0 || !ok {
		return 0, fmt.Errorf("%q is not a size: write a number of bytes, or a whole number with a unit such as 64MiB or 2GiB", s)
	}
	n, err := strconv.ParseInt(s[:end], 10, 64)
	if err != nil || n > math.MaxInt64/unit {
		return 0, fmt.Errorf("%q is too large a size", s)
	}
	return n * unit, nil
}
