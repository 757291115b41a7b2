package ui

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDocument describes every /api/v1 route: an OpenAPI 3.0 document
// kept by hand next to the handlers. A test checks that every route the
// server has is in it and that every example in it matches its schema.
//
//go:embed openapi.json
var openAPIDocument []byte

// serveOpenAPI serves the OpenAPI document.
func (s *Server) serveOpenAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=3600")
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPIDocument)
}
