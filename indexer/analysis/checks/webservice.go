package checks

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// A repository "looks like a web service" when one of its manifests, at the
// root or one folder down, depends on a server framework. It is a cheap
// heuristic on purpose: general web frameworks that mostly serve HTML pages
// (Django, Rails, Laravel, Symfony) are left out unless their API package
// is there too.

// serverFramework finds a server framework in one kind of manifest.
type serverFramework struct {
	// matches reports whether a file name is this kind of manifest.
	matches func(name string) bool
	// find returns the framework's name and its offset in the manifest,
	// ok false when the manifest depends on none.
	find func(manifest []byte) (name string, offset int, ok bool)
}

// named matches manifests by exact file name.
func named(names ...string) func(string) bool {
	return func(name string) bool { return slices.Contains(names, name) }
}

// byPattern finds the first match of a pattern whose first group names the
// framework.
func byPattern(pattern string) func([]byte) (string, int, bool) {
	re := regexp.MustCompile(pattern)
	return func(manifest []byte) (string, int, bool) {
		loc := re.FindSubmatchIndex(manifest)
		if loc == nil {
			return "", 0, false
		}
		return string(manifest[loc[2]:loc[3]]), loc[2], true
	}
}

// inJSONDependencies finds the first of names among the keys of a JSON
// manifest's dependency object (package.json "dependencies", composer.json
// "require"), so that a framework used only in development (a test
// server) does not count.
func inJSONDependencies(key string, names ...string) func([]byte) (string, int, bool) {
	return func(manifest []byte) (string, int, bool) {
		var doc map[string]json.RawMessage
		if json.Unmarshal(manifest, &doc) != nil {
			return "", 0, false
		}
		var deps map[string]json.RawMessage
		if json.Unmarshal(doc[key], &deps) != nil {
			return "", 0, false
		}
		for _, name := range names {
			if _, ok := deps[name]; !ok {
				continue
			}
			// The line of the entry: the name quoted after the key.
			start := bytes.Index(manifest, []byte(`"`+key+`"`))
			at := bytes.Index(manifest[max(start, 0):], []byte(`"`+name+`"`))
			if at < 0 {
				return name, 0, true
			}
			return name, max(start, 0) + at + 1, true
		}
		return "", 0, false
	}
}

var serverFrameworks = []serverFramework{
	{named("package.json"), inJSONDependencies("dependencies",
		"express", "fastify", "koa", "@nestjs/core", "@hapi/hapi", "hapi", "restify", "@loopback/rest",
		"@feathersjs/express", "@adonisjs/core", "hono")},
	{named("go.mod"), byPattern(
		`(?m)^\s*(?:require\s+)?(github\.com/gin-gonic/gin|github\.com/labstack/echo|github\.com/go-chi/chi|github\.com/gorilla/mux|` +
			`github\.com/gofiber/fiber|github\.com/danielgtaylor/huma|github\.com/emicklei/go-restful|` +
			`github\.com/julienschmidt/httprouter|github\.com/grpc-ecosystem/grpc-gateway)\S*\s+v`)},
	{func(name string) bool {
		return name == "pyproject.toml" || name == "Pipfile" || name == "setup.py" || name == "setup.cfg" ||
			(strings.HasPrefix(name, "requirements") && strings.HasSuffix(name, ".txt"))
	}, byPattern(
		`(?im)(?:^|[\s"'\[,])(flask|fastapi|djangorestframework|django-ninja|falcon|sanic|connexion|starlette|bottle|pyramid)` +
			`\s*(?:[<>=~!;\[,"']|$)`)},
	{named("pom.xml", "build.gradle", "build.gradle.kts"), byPattern(
		`(spring-boot-starter-webflux|spring-boot-starter-web|spring-webmvc|jakarta\.ws\.rs|javax\.ws\.rs|quarkus-resteasy|` +
			`quarkus-rest|micronaut-http-server|dropwizard-core|jersey-server)`)},
	{named("Gemfile"), byPattern(`(?m)^\s*gem\s+['"](sinatra|grape|rails-api|hanami-api)['"]`)},
	{named("composer.json"), inJSONDependencies("require",
		"slim/slim", "laravel/lumen-framework", "api-platform/core", "api-platform/symfony")},
	{named("Cargo.toml"), byPattern(`(?m)^\s*(actix-web|axum|rocket|warp|poem|tide)\s*=`)},
	{func(name string) bool { return strings.HasSuffix(name, ".csproj") }, byPattern(
		`(Microsoft\.NET\.Sdk\.Web|Microsoft\.AspNetCore\.App)`)},
}

const (
	// maxManifestsRead caps how many manifests the heuristic reads.
	maxManifestsRead = 30
	// maxManifestBytes is how much of each manifest it reads.
	maxManifestBytes = 256 << 10
	// maxFrameworks caps the evidence items.
	maxFrameworks = 5
)

// findWebFrameworks returns one evidence item per manifest that depends on a
// server framework: the manifest, the line and the framework's name.
func findWebFrameworks(tree *filetree.Tree, files *fileIndex) []registry.Evidence {
	var found []registry.Evidence
	var buf []byte
	read := 0
	for _, f := range files.files {
		if read == maxManifestsRead || len(found) == maxFrameworks {
			break
		}
		if strings.Count(f.Path, "/") > 1 || !inProjectDirs(f.Path) {
			continue
		}
		name := path.Base(f.Path)
		for _, fw := range serverFrameworks {
			if !fw.matches(name) {
				continue
			}
			read++
			size := int64(maxManifestBytes)
			if f.Size >= 0 && f.Size < size {
				size = f.Size
			}
			if int64(cap(buf)) < size {
				buf = make([]byte, size)
			}
			head, err := tree.ReadHead(f.Path, buf[:size])
			if err != nil {
				break
			}
			framework, offset, ok := fw.find(head)
			if !ok {
				break
			}
			line := 1 + bytes.Count(head[:offset], []byte("\n"))
			found = append(found, registry.Evidence{Path: f.Path, Line: line, Note: framework})
			break
		}
	}
	return found
}
