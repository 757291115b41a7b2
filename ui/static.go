package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"github.com/gin-gonic/gin"
)

//go:embed static
var staticFiles embed.FS

// staticFile is an embedded asset with what is needed to cache it.
type staticFile struct {
	content     []byte
	contentType string
	etag        string
	hash        string
}

// loadStatic reads every file under static/ once, hashing each so that
// pages can link to a versioned address and clients can revalidate.
func loadStatic(files fs.FS) (map[string]staticFile, error) {
	assets := map[string]staticFile{}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := fs.ReadFile(files, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		sum := sha256.Sum256(content)
		hash := hex.EncodeToString(sum[:8])
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		assets["/"+p] = staticFile{content: content, contentType: ctype, etag: `"` + hash + `"`, hash: hash}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	return assets, nil
}

// assetURL is the address of the file name under static/, versioned by
// its content: a page links to exactly the bytes it was rendered with, so
// the file can be cached for good and a new release is fetched at once.
func assetURL(static map[string]staticFile, name string) (string, bool) {
	p := "/static/" + name
	f, ok := static[p]
	if !ok {
		return "", false
	}
	return p + "?v=" + f.hash, true
}

// Cache lifetimes of static files: a year, never revalidated, at the
// versioned address pages use; at any other address a client revalidates
// every time (a 304 by ETag), so it never keeps an old file.
const (
	cacheVersioned   = "public, max-age=31536000, immutable"
	cacheUnversioned = "public, no-cache"
)

// serveStatic serves an embedded asset with cache headers; http.ServeContent
// answers If-None-Match with 304.
func (s *Server) serveStatic(c *gin.Context) {
	f, ok := s.static[c.Request.URL.Path]
	if !ok {
		s.notFound(c)
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", f.contentType)
	if c.Query("v") == f.hash {
		h.Set("Cache-Control", cacheVersioned)
	} else {
		h.Set("Cache-Control", cacheUnversioned)
	}
	h.Set("ETag", f.etag)
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(f.content))
}
