package indexer

import (
	"context"
	"slices"
	"sync"
)

// Requests collects sources to crawl soon, between scheduled crawls: a
// push webhook queues its repository here and the serve loop crawls it at
// once. Queuing never blocks, and a source queued twice before it is taken
// is crawled once.
type Requests struct {
	mu      sync.Mutex
	pending map[int64]bool
	ready   chan struct{}
}

// NewRequests returns an empty queue.
func NewRequests() *Requests {
	return &Requests{pending: map[int64]bool{}, ready: make(chan struct{}, 1)}
}

// Queue asks for sourceID to be crawled soon.
func (q *Requests) Queue(_ context.Context, sourceID int64) {
	q.mu.Lock()
	q.pending[sourceID] = true
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default: // a wake-up is pending already
	}
}

// Ready is signalled when something has been queued.
func (q *Requests) Ready() <-chan struct{} { return q.ready }

// Take returns what was queued, in ascending order, and empties the queue.
func (q *Requests) Take() []int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	ids := make([]int64, 0, len(q.pending))
	for id := range q.pending {
		ids = append(ids, id)
	}
	clear(q.pending)
	slices.Sort(ids)
	return ids
}
