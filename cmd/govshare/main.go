// Command govshare is the registry where governments share their
// open-source code: it indexes the repositories participants register and
// serves a searchable catalogue and JSON API over them.
//
//	govshare index   --data DIR --participants FILE   crawl every source once
//	govshare serve   --data DIR --addr HOST:PORT      catalogue, API and crawl loop
//	govshare inspect [--json] TARGET                   analyse one repository, no store
//	govshare reindex --data DIR                        rebuild the search index
//
// Run `govshare help` or `govshare COMMAND --help` for the details.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := newApp(os.Stdout, os.Stderr, os.Getenv).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
