package standards

// needleSet finds, in one pass over a file, which of the register's
// literals (the needles of its patterns) occur in it, ignoring ASCII case.
// It is an Aho-Corasick automaton turned into a table of transitions over
// byte classes: bytes no needle uses share one class, and a letter shares
// its class with its upper case.
type needleSet struct {
	count int
	// class maps a byte to its class.
	class    [256]uint16
	nClasses int
	// next is the transition table: next[state*nClasses+class] is the next
	// state times nClasses, so that the scan loop does no multiplication,
	// bit-inverted (negative) when needles end in that state.
	next []int32
	// found lists, by state, the needles that end there (its own and those
	// of its suffixes), as an index into masks, or -1.
	found []int32
	masks []needleMask
}

// needleMask is a set of needle ids.
type needleMask []uint64

func (m needleMask) has(id int) bool { return m[id/64]&(1<<(id%64)) != 0 }

// newNeedleSet builds the automaton for needles, which are in ASCII lower
// case; needle i gets id i.
func newNeedleSet(needles []string) *needleSet {
	ns := &needleSet{count: len(needles)}
	// Byte classes: one per distinct byte of the needles, 0 for the rest.
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			b := n[i]
			if ns.class[b] == 0 {
				ns.nClasses++
				ns.class[b] = uint16(ns.nClasses)
				if 'a' <= b && b <= 'z' {
					ns.class[b-'a'+'A'] = ns.class[b]
				}
			}
		}
	}
	ns.nClasses++
	words := (len(needles) + 63) / 64

	// The trie.
	type trieNode struct {
		children map[uint16]int32
		ends     []int
	}
	trie := []trieNode{{children: map[uint16]int32{}}}
	for id, n := range needles {
		state := int32(0)
		for i := 0; i < len(n); i++ {
			c := ns.class[n[i]]
			child, ok := trie[state].children[c]
			if !ok {
				child = int32(len(trie))
				trie = append(trie, trieNode{children: map[uint16]int32{}})
				trie[state].children[c] = child
			}
			state = child
		}
		trie[state].ends = append(trie[state].ends, id)
	}

	// Breadth first: failure links, full transitions and merged outputs.
	ns.next = make([]int32, len(trie)*ns.nClasses)
	ns.found = make([]int32, len(trie))
	fail := make([]int32, len(trie))
	masks := make([]needleMask, len(trie))
	queue := []int32{0}
	for len(queue) > 0 {
		state := queue[0]
		queue = queue[1:]
		mask := make(needleMask, words)
		if state != 0 {
			copy(mask, masks[fail[state]])
		}
		for _, id := range trie[state].ends {
			mask[id/64] |= 1 << (id % 64)
		}
		masks[state] = mask
		for c := range ns.nClasses {
			child, ok := trie[state].children[uint16(c)]
			switch {
			case ok:
				if state != 0 {
					fail[child] = ns.next[int(fail[state])*ns.nClasses+c]
				}
				ns.next[int(state)*ns.nClasses+c] = child
				queue = append(queue, child)
			case state != 0:
				ns.next[int(state)*ns.nClasses+c] = ns.next[int(fail[state])*ns.nClasses+c]
			}
		}
	}
	for state, mask := range masks {
		ns.found[state] = -1
		for _, w := range mask {
			if w != 0 {
				ns.found[state] = int32(len(ns.masks))
				ns.masks = append(ns.masks, mask)
				break
			}
		}
	}
	for i, target := range ns.next {
		ns.next[i] = target * int32(ns.nClasses)
		if ns.found[target] >= 0 {
			ns.next[i] = ^ns.next[i]
		}
	}
	return ns
}

// scan returns the needles that occur in data, reusing into.
func (ns *needleSet) scan(data []byte, into needleMask) needleMask {
	words := (ns.count + 63) / 64
	if cap(into) < words {
		into = make(needleMask, words)
	}
	into = into[:words]
	clear(into)
	next, class := ns.next, &ns.class
	offset := int32(0)
	for _, b := range data {
		offset = next[offset+int32(class[b])]
		if offset < 0 {
			offset = ^offset
			for i, w := range ns.masks[ns.found[offset/int32(ns.nClasses)]] {
				into[i] |= w
			}
		}
	}
	return into
}
