package urlpolicy

import "net/netip"

// addressRange is a block of addresses participants' sources may not
// reach, and what to call it in a message.
type addressRange struct {
	prefix netip.Prefix
	kind   string
}

// nonPublicRanges are the blocks refused unless the policy allows private
// addresses, from the IANA special-purpose address registries and the
// cloud providers' metadata services. The first match names the kind, so
// single metadata addresses come before the blocks that hold them.
var nonPublicRanges = []addressRange{
	{netip.MustParsePrefix("169.254.169.254/32"), "a cloud metadata address"}, // AWS, GCP, Azure, OCI...
	{netip.MustParsePrefix("100.100.100.200/32"), "a cloud metadata address"}, // Alibaba Cloud
	{netip.MustParsePrefix("192.0.0.192/32"), "a cloud metadata address"},     // Oracle Cloud (legacy)
	{netip.MustParsePrefix("fd00:ec2::254/128"), "a cloud metadata address"},  // AWS over IPv6

	{netip.MustParsePrefix("0.0.0.0/8"), "an unspecified (this-network) address"},
	{netip.MustParsePrefix("10.0.0.0/8"), "a private address"},
	{netip.MustParsePrefix("100.64.0.0/10"), "a carrier-grade NAT (shared) address"},
	{netip.MustParsePrefix("127.0.0.0/8"), "a loopback address"},
	{netip.MustParsePrefix("169.254.0.0/16"), "a link-local address"},
	{netip.MustParsePrefix("172.16.0.0/12"), "a private address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "a reserved (IETF protocol) address"},
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation address"},
	{netip.MustParsePrefix("192.88.99.0/24"), "a reserved (6to4 relay) address"},
	{netip.MustParsePrefix("192.168.0.0/16"), "a private address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a benchmarking address"},
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation address"},
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation address"},
	{netip.MustParsePrefix("224.0.0.0/4"), "a multicast address"},
	{netip.MustParsePrefix("255.255.255.255/32"), "the broadcast address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"},

	{netip.MustParsePrefix("::/128"), "an unspecified address"},
	{netip.MustParsePrefix("::1/128"), "a loopback address"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a private (local NAT64) address"},
	{netip.MustParsePrefix("100::/64"), "a reserved (discard-only) address"},
	{netip.MustParsePrefix("2001:2::/48"), "a benchmarking address"},
	{netip.MustParsePrefix("2001::/23"), "a reserved (IETF protocol) address"}, // Teredo, ORCHID...
	{netip.MustParsePrefix("2001:db8::/32"), "a documentation address"},
	{netip.MustParsePrefix("3fff::/20"), "a documentation address"},
	{netip.MustParsePrefix("fc00::/7"), "a private (unique local) address"},
	{netip.MustParsePrefix("fe80::/10"), "a link-local address"},
	{netip.MustParsePrefix("fec0::/10"), "a site-local address"},
	{netip.MustParsePrefix("ff00::/8"), "a multicast address"},
}

var (
	// globalUnicast is the only IPv6 block handed out for public use; what
	// lies outside it and is not listed above is reserved.
	globalUnicast = netip.MustParsePrefix("2000::/3")
	// nat64 addresses carry an IPv4 address in their last 32 bits; DNS64
	// resolvers on IPv6-only networks answer with them for public hosts.
	nat64 = netip.MustParsePrefix("64:ff9b::/96")
	// sixToFour addresses carry an IPv4 address in bits 16 to 48.
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// nonPublic says what kind of non-public address a is, or returns "" when
// a is public. IPv4 addresses carried inside IPv6 ones (mapped, NAT64,
// 6to4) are judged by the IPv4 address they lead to.
func nonPublic(a netip.Addr) string {
	if !a.IsValid() {
		return "an invalid address"
	}
	a = a.WithZone("").Unmap()
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			return nonPublic(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(a):
			if kind := nonPublic(netip.AddrFrom4([4]byte(b[2:6]))); kind != "" {
				return kind
			}
		}
	}
	for _, r := range nonPublicRanges {
		if r.prefix.Contains(a) {
			return r.kind
		}
	}
	if a.Is6() && !globalUnicast.Contains(a) {
		return "a reserved address"
	}
	return ""
}
