package registry

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"
)

// Token is an API token. Its secret is shown once, when it is made, and
// only a hash of it is stored.
type Token struct {
	ID int64 `json:"id"`
	// ParticipantID is the participant the token acts for; "" for an
	// operator token, which may do everything.
	ParticipantID string    `json:"participant,omitempty"`
	Name          string    `json:"name"`
	CreatedAt     time.Time `json:"created_at"`
	LastUsedAt    time.Time `json:"last_used_at,omitzero"`
	RevokedAt     time.Time `json:"revoked_at,omitzero"`
}

// Operator reports whether the token may act for every participant.
func (t *Token) Operator() bool { return t.ParticipantID == "" }

// Revoked reports whether the token was revoked.
func (t *Token) Revoked() bool { return !t.RevokedAt.IsZero() }

// Principal is who makes a request: the holder of a token.
type Principal struct {
	TokenID   int64
	TokenName string
	// ParticipantID is "" for an operator.
	ParticipantID string
}

// Operator reports whether the principal may act for every participant.
func (p Principal) Operator() bool { return p.ParticipantID == "" }

// CanManage reports whether the principal may change participantID's
// entries: an operator may change all, a participant only its own.
func (p Principal) CanManage(participantID string) bool {
	return p.Operator() || p.ParticipantID == participantID
}

// Actor names the principal in the audit log: "operator:NAME" or
// "PARTICIPANT:NAME".
func (p Principal) Actor() string {
	who := p.ParticipantID
	if p.Operator() {
		who = "operator"
	}
	return who + ":" + p.TokenName
}

// AuditEntry is one change, recorded: who, what, when.
type AuditEntry struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
	// Actor is Principal.Actor(), or "config" for the participants file.
	Actor string `json:"actor"`
	// ParticipantID is whose entries changed.
	ParticipantID string `json:"participant"`
	// Action is a dotted verb: source.add, source.update, source.remove,
	// token.create, token.revoke, participant.add ...
	Action string `json:"action"`
	// Target names what changed (a source URL, a token name).
	Target string `json:"target"`
	Detail string `json:"detail,omitempty"`
}

// TokenPrefix starts every token secret, so that a leaked one is easy to
// recognise (and for secret scanners to find).
const TokenPrefix = "gvs_"

// NewTokenSecret returns a new random token secret and the hash to store.
func NewTokenSecret() (secret string, hash []byte, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, fmt.Errorf("make a token: %w", err)
	}
	secret = TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return secret, HashToken(secret), nil
}

// HashToken returns the hash a token secret is stored and looked up by.
// The secrets are 256 random bits, so a fast hash is enough: there is
// nothing to guess.
func HashToken(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}
