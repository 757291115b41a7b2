// Package spdx embeds the SPDX licence list: each licence id with its name and
// whether the Open Source Initiative approved it, and the full text of the
// few licences detection compares files with. The data is a copy of SPDX
// License List 3.28.0 (see README.md); nothing is read at run time.
package spdx

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// ListVersion is the version of the SPDX License List embedded here.
const ListVersion = "3.28.0"

// License is one entry of the SPDX licence list.
type License struct {
	Name string `json:"name"`
	// OSIApproved is true when the licence is on the OSI's approved list.
	OSIApproved bool `json:"osi"`
}

//go:embed licenses.json
var licensesJSON []byte

// list is decoded on first use and never changed afterwards.
var list = sync.OnceValue(func() map[string]License {
	var m map[string]License
	if err := json.Unmarshal(licensesJSON, &m); err != nil {
		// The file is embedded and checked by the tests: failing here is a
		// build defect, not a run-time condition.
		panic("spdx: decode embedded licenses.json: " + err.Error())
	}
	return m
})

// Lookup returns the licence with the given SPDX id (exact case, as the SPDX
// list spells it).
func Lookup(id string) (License, bool) {
	l, ok := list()[id]
	return l, ok
}

// Len returns how many licences the embedded list holds.
func Len() int {
	return len(list())
}
