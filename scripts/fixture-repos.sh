# Sourced by demo.sh and bench.sh: build_fixture_repos DIR turns every
# testdata/repos/*.txtar into a git repository DIR/NAME with one commit.
# (The Go tests build the same repositories with indexer/gittest.)

build_fixture_repos() {
  local dest=$1 archive name repo
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
  export GIT_AUTHOR_NAME=govshare GIT_AUTHOR_EMAIL=demo@govshare.invalid
  export GIT_COMMITTER_NAME=govshare GIT_COMMITTER_EMAIL=demo@govshare.invalid
  for archive in testdata/repos/*.txtar; do
    name=$(basename "$archive" .txtar)
    repo="$dest/$name"
    mkdir -p "$repo"
    # txtar: each file starts at a line "-- path --"; the comment before
    # the first one is skipped.
    awk -v dir="$repo" '
      /^-- .* --$/ {
        file = dir "/" substr($0, 4, length($0) - 6)
        d = file; sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\"")
        printf "" > file; next
      }
      file != "" { print >> file }
    ' "$archive"
    git -C "$repo" init --quiet --initial-branch=main
    git -C "$repo" add --all
    git -C "$repo" -c gc.auto=0 commit --quiet -m "fixture $name"
  done
}
