package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/govshare/govshare/config"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
)

// The account commands touch only the database, which SQLite lets several
// processes share: they work while govshare serve runs.

// openStore opens the data directory's database without the search index.
func (a *app) openStore(ctx context.Context, cfg config.Config) (*sqlite.Store, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	return sqlite.Open(ctx, filepath.Join(cfg.DataDir, databaseFile), a.logger(cfg))
}

// cliActor is how the audit log names changes made on the command line.
const cliActor = "operator:command-line"

func (a *app) participant(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError{errors.New("usage: govshare participant add --id ID --name NAME --country CC [--website URL]")}
	}
	var s settings
	fs := a.newFlagSet("participant add", "--id ID --name NAME --country CC [--website URL]",
		"Add a participant: a government body that shares code. Participants are also\n"+
			"added from the participants file; this is for those that manage their entries\n"+
			"themselves, with tokens ('govshare token create').", &s)
	s.dataFlag(fs)
	id := fs.String("id", "", "identifier: lower-case letters, digits and hyphens (required)")
	name := fs.String("name", "", "the body's name (required)")
	country := fs.String("country", "", "ISO 3166-1 alpha-2 country code, e.g. GB (required)")
	website := fs.String("website", "", "the body's website, https://...")
	if err := a.parse(fs, &s, args[1:], 0); err != nil {
		return err
	}
	switch {
	case *id == "" || *name == "" || *country == "":
		return usageError{errors.New("--id, --name and --country are required")}
	case !registry.ValidID(*id):
		return usageError{fmt.Errorf("--id %q: use lower-case letters, digits and hyphens", *id)}
	case config.CountryProblem(*country) != "":
		return usageError{fmt.Errorf("--country: %s", config.CountryProblem(*country))}
	}
	store, err := a.openStore(ctx, s.cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	p := &registry.Participant{ID: *id, Name: *name, Country: *country, Website: *website}
	if err := store.CreateParticipant(ctx, p); err != nil {
		return err
	}
	if err := store.Record(ctx, &registry.AuditEntry{At: time.Now(), Actor: cliActor, ParticipantID: p.ID,
		Action: "participant.add", Target: p.ID, Detail: p.Name}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Participant %s added. Give it a token with: govshare token create --participant %s --name NAME\n", p.ID, p.ID)
	return nil
}

func (a *app) token(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError{errors.New("usage: govshare token create|list|revoke [flags]")}
	}
	var s settings
	switch args[0] {
	case "create":
		fs := a.newFlagSet("token create", "(--participant ID | --operator) --name NAME",
			"Make an API token and print its secret, once: only a hash of it is kept. A\n"+
				"participant's token manages that participant's entries only; an operator token\n"+
				"may do everything.", &s)
		s.dataFlag(fs)
		participant := fs.String("participant", "", "the participant the token acts for")
		operator := fs.Bool("operator", false, "make an operator token")
		name := fs.String("name", "", "what the token is for, e.g. ci or jane (required)")
		if err := a.parse(fs, &s, args[1:], 0); err != nil {
			return err
		}
		if *name == "" || (*participant == "") == !*operator {
			return usageError{errors.New("give --name, and either --participant ID or --operator")}
		}
		return a.withStore(ctx, s.cfg, func(store *sqlite.Store) error {
			return a.createToken(ctx, store, *participant, *name)
		})
	case "list":
		fs := a.newFlagSet("token list", "[--participant ID]", "List tokens (never their secrets): a participant's, or the operator tokens.", &s)
		s.dataFlag(fs)
		participant := fs.String("participant", "", "list this participant's tokens (default: operator tokens)")
		if err := a.parse(fs, &s, args[1:], 0); err != nil {
			return err
		}
		return a.withStore(ctx, s.cfg, func(store *sqlite.Store) error {
			tokens, err := store.Tokens(ctx, *participant)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tCREATED\tLAST USED\tREVOKED")
			for _, t := range tokens {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.Name, day(t.CreatedAt), day(t.LastUsedAt), day(t.RevokedAt))
			}
			return tw.Flush()
		})
	case "revoke":
		fs := a.newFlagSet("token revoke", "ID", "Revoke a token at once: requests made with it are refused from now on.", &s)
		s.dataFlag(fs)
		if err := a.parse(fs, &s, args[1:], 1); err != nil {
			return err
		}
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return usageError{fmt.Errorf("want a token ID (see 'govshare token list'), not %q", fs.Arg(0))}
		}
		return a.withStore(ctx, s.cfg, func(store *sqlite.Store) error {
			if err := store.RevokeToken(ctx, id, time.Now()); err != nil {
				return err
			}
			if err := store.Record(ctx, &registry.AuditEntry{At: time.Now(), Actor: cliActor, Action: "token.revoke", Target: strconv.FormatInt(id, 10)}); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Token %d revoked.\n", id)
			return nil
		})
	}
	return usageError{fmt.Errorf("unknown token command %q: want create, list or revoke", args[0])}
}

func (a *app) createToken(ctx context.Context, store *sqlite.Store, participant, name string) error {
	secret, hash, err := registry.NewTokenSecret()
	if err != nil {
		return err
	}
	t := &registry.Token{ParticipantID: participant, Name: name, CreatedAt: time.Now()}
	if err := store.CreateToken(ctx, t, hash); err != nil {
		return err
	}
	if err := store.Record(ctx, &registry.AuditEntry{At: t.CreatedAt, Actor: cliActor, ParticipantID: participant,
		Action: "token.create", Target: name}); err != nil {
		return err
	}
	who := "an operator token"
	if participant != "" {
		who = "a token for " + participant
	}
	fmt.Fprintf(a.stderr, "Made %s named %q (ID %d). Its secret is shown this once; keep it safe:\n", who, name, t.ID)
	fmt.Fprintln(a.stdout, secret)
	return nil
}

func (a *app) withStore(ctx context.Context, cfg config.Config, fn func(*sqlite.Store) error) error {
	store, err := a.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(store)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
