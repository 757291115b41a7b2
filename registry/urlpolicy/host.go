package urlpolicy

import (
	"net/netip"
	"strings"

	"golang.org/x/net/idna"

	"github.com/govshare/govshare/registry"
)

// maxHostLength is the longest DNS name, without its trailing dot.
const maxHostLength = 253

// normaliseHost returns a URL's host (without brackets or port) in the one
// form govshare compares: an IP address in its canonical text, or a host
// name in lower-case ASCII with internationalised labels in punycode and no
// trailing dot. addr is valid when the host is an IP address.
//
// Numbers in other forms are refused rather than interpreted: browsers and
// C libraries read 2130706433, 0x7f.1 and 0177.0.0.1 as 127.0.0.1, Go does
// not, and an address that one layer reads as a name and another as a
// number is how allow-lists are bypassed.
func normaliseHost(raw string) (host string, addr netip.Addr, err error) {
	if strings.Contains(raw, ":") {
		return normaliseIPv6(raw)
	}
	ascii, err := idna.Lookup.ToASCII(strings.TrimSuffix(raw, "."))
	if err != nil || ascii == "" {
		return "", netip.Addr{}, registry.Errorf(registry.EINVALID, "URL host %q is not a valid host name", raw)
	}
	// Mapping may have turned full-width digits and dots into ASCII ones,
	// so the numeric checks come after it.
	ascii = strings.TrimSuffix(ascii, ".")
	if a, err := netip.ParseAddr(ascii); err == nil && a.Is4() {
		return a.String(), a, nil
	}
	if endsInNumber(ascii) {
		return "", netip.Addr{}, registry.Errorf(registry.EINVALID,
			"URL host %q is a number in an unusual form: write an IP address as four decimal numbers (192.0.2.1), or better, use the host's name", raw)
	}
	if !validHostName(ascii) {
		return "", netip.Addr{}, registry.Errorf(registry.EINVALID, "URL host %q is not a valid host name", raw)
	}
	return ascii, netip.Addr{}, nil
}

// normaliseIPv6 handles a bracketed IPv6 literal, given without brackets.
func normaliseIPv6(raw string) (string, netip.Addr, error) {
	a, err := netip.ParseAddr(raw)
	if err != nil || !a.Is6() {
		return "", netip.Addr{}, registry.Errorf(registry.EINVALID, "URL host [%s] is not a valid IPv6 address", raw)
	}
	if a.Zone() != "" {
		return "", netip.Addr{}, registry.Errorf(registry.EINVALID, "URL host [%s] must not name a network interface (%%zone)", raw)
	}
	return a.String(), a, nil
}

// endsInNumber reports whether a host would be read as an IPv4 address by
// the WHATWG URL standard (and so by browsers): its last label is decimal
// digits, or 0x and hexadecimal digits.
func endsInNumber(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if hex, ok := strings.CutPrefix(strings.ToLower(last), "0x"); ok {
		return strings.Trim(hex, "0123456789abcdef") == ""
	}
	return strings.Trim(last, "0123456789") == ""
}

// validHostName reports whether host is a DNS name of letters, digits and
// inner hyphens, in labels of at most 63 characters.
func validHostName(host string) bool {
	if len(host) > maxHostLength {
		return false
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
