package main

import (
	"context"
	"fmt"
)

func (a *app) reindex(ctx context.Context, args []string) error {
	var s settings
	fs := a.newFlagSet("reindex", "[--data DIR]",
		"Rebuild the search index from the store. The store is the source of truth; the index\n"+
			"can always be rebuilt from it. govshare serve must not be running on the same directory.", &s)
	s.dataFlag(fs)
	if err := a.parse(fs, &s, args, 0); err != nil {
		return err
	}
	logger := a.logger(s.cfg)
	data, err := openData(ctx, s.cfg.DataDir, logger, false)
	if err != nil {
		return err
	}
	defer data.Close()
	n, err := data.rebuild(ctx, logger)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Search index rebuilt: %s.\n", plural(n, "project", "projects"))
	return nil
}
