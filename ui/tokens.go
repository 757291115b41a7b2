package ui

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// maxTokenName bounds a token's name, in characters.
const maxTokenName = 100

// tokenRequest is a token to make: its name says what it is for.
type tokenRequest struct {
	Name string `json:"name"`
}

// newToken is the answer to making a token: the only time its secret is
// shown.
type newToken struct {
	Token  *registry.Token `json:"token"`
	Secret string          `json:"secret"`
}

// tokenList is the JSON answer listing a participant's tokens.
type tokenList struct {
	Items []*registry.Token `json:"items"`
}

// checkTokenName refuses an empty, overlong or unprintable name.
func checkTokenName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxTokenName ||
		strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return "", registry.Errorf(registry.EINVALID, "Name the token (1 to %d printable characters), after what will use it: \"CI pipeline\", say.", maxTokenName)
	}
	return name, nil
}

// createToken makes a token for a participant and returns it with its
// secret, which is stored only as a hash.
func (s *Server) createToken(ctx context.Context, who registry.Principal, participantID, name string) (newToken, error) {
	name, err := checkTokenName(name)
	if err != nil {
		return newToken{}, err
	}
	secret, hash, err := registry.NewTokenSecret()
	if err != nil {
		return newToken{}, err
	}
	t := &registry.Token{ParticipantID: participantID, Name: name, CreatedAt: s.clock().UTC()}
	if err := s.store.CreateToken(ctx, t, hash); err != nil {
		return newToken{}, fmt.Errorf("create token %q for %s: %w", name, participantID, err)
	}
	if err := s.audit(ctx, who, participantID, actionTokenCreate, name, "token "+strconv.FormatInt(t.ID, 10)); err != nil {
		return newToken{}, err
	}
	return newToken{Token: t, Secret: secret}, nil
}

// revokeToken revokes one of a participant's tokens, named by the ID in a
// path.
func (s *Server) revokeToken(ctx context.Context, who registry.Principal, participantID, rawID string) (*registry.Token, error) {
	notFound := registry.Errorf(registry.ENOTFOUND, "Participant %q has no token %s.", participantID, rawID)
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil || id <= 0 {
		return nil, notFound
	}
	t, err := s.tokenByID(ctx, participantID, id)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, notFound
	}
	if t.Revoked() {
		return nil, registry.Errorf(registry.ECONFLICT, "Token %q was revoked already.", t.Name)
	}
	if err := s.store.RevokeToken(ctx, t.ID, s.clock().UTC()); err != nil {
		return nil, fmt.Errorf("revoke token %d: %w", t.ID, err)
	}
	if err := s.audit(ctx, who, participantID, actionTokenRevoke, t.Name, "token "+strconv.FormatInt(t.ID, 10)); err != nil {
		return nil, err
	}
	revoked, err := s.tokenByID(ctx, participantID, id)
	if err != nil {
		return nil, err
	}
	return revoked, nil
}

func (s *Server) apiListTokens(c *gin.Context) error {
	_, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	tokens, err := s.store.Tokens(c.Request.Context(), p.ID)
	if err != nil {
		return fmt.Errorf("list tokens of %s: %w", p.ID, err)
	}
	s.writeJSON(c, http.StatusOK, tokenList{Items: nonNil(tokens)})
	return nil
}

func (s *Server) apiCreateToken(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	var req tokenRequest
	if err := decodeJSON(c.Request, &req); err != nil {
		return err
	}
	made, err := s.createToken(c.Request.Context(), who, p.ID, req.Name)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	s.writeJSON(c, http.StatusCreated, made)
	return nil
}

func (s *Server) apiRevokeToken(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	t, err := s.revokeToken(c.Request.Context(), who, p.ID, c.Param("tid"))
	if err != nil {
		return err
	}
	s.writeJSON(c, http.StatusOK, t)
	return nil
}
