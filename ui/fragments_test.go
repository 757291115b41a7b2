package ui

import (
	"html/template"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrustedFragment(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want template.HTML
	}{
		{"keeps marks", "a <mark>tax</mark> calculator", "a <mark>tax</mark> calculator"},
		{"keeps escaped text", "&lt;script&gt; <mark>tax</mark> &amp; more", "&lt;script&gt; <mark>tax</mark> &amp; more"},
		{"plain text", "no match here", "no match here"},
		{"raw tag is shown as text", "<script>alert(1)</script> <mark>tax</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; tax"},
		{"attribute on mark is refused", `<mark onclick="x">tax</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;tax"},
		{"stray angle bracket", "a > b <mark>c</mark>", "a &gt; b c"},
		{"escaped text stays escaped in fallback", "&lt;b&gt; <img>", "&lt;b&gt; &lt;img&gt;"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, trustedFragment(tc.in)); diff != "" {
				t.Errorf("trustedFragment(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestHitFragments(t *testing.T) {
	got := hitFragments(map[string][]string{
		"readme":      {"r1 <mark>x</mark>", "r2 <mark>x</mark>", "r3 <mark>x</mark>"},
		"description": {"d1 <mark>x</mark>"},
	})
	want := []fragment{
		{Field: "description", HTML: "d1 <mark>x</mark>"},
		{Field: "readme", HTML: "r1 <mark>x</mark>"},
		{Field: "readme", HTML: "r2 <mark>x</mark>"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hitFragments (-want +got):\n%s", diff)
	}
}
