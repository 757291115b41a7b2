package urlpolicy

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNonPublic checks the edges of the blocks: the first and last address
// of a range, and the public neighbours just outside it.
func TestNonPublic(t *testing.T) {
	tests := []struct {
		addr string
		want string
	}{
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"140.82.112.3", ""},
		{"0.0.0.0", "an unspecified (this-network) address"},
		{"0.255.255.255", "an unspecified (this-network) address"},
		{"1.0.0.0", ""},
		{"9.255.255.255", ""},
		{"10.0.0.0", "a private address"},
		{"10.255.255.255", "a private address"},
		{"11.0.0.0", ""},
		{"100.63.255.255", ""},
		{"100.64.0.0", "a carrier-grade NAT (shared) address"},
		{"100.127.255.255", "a carrier-grade NAT (shared) address"},
		{"100.128.0.0", ""},
		{"100.100.100.200", "a cloud metadata address"},
		{"126.255.255.255", ""},
		{"127.0.0.1", "a loopback address"},
		{"127.255.255.255", "a loopback address"},
		{"128.0.0.0", ""},
		{"169.253.255.255", ""},
		{"169.254.0.1", "a link-local address"},
		{"169.254.169.254", "a cloud metadata address"},
		{"169.255.0.0", ""},
		{"172.15.255.255", ""},
		{"172.16.0.0", "a private address"},
		{"172.31.255.255", "a private address"},
		{"172.32.0.0", ""},
		{"192.0.0.8", "a reserved (IETF protocol) address"},
		{"192.0.0.192", "a cloud metadata address"},
		{"192.0.1.1", ""},
		{"192.0.2.255", "a documentation address"},
		{"192.88.99.1", "a reserved (6to4 relay) address"},
		{"192.167.255.255", ""},
		{"192.168.0.0", "a private address"},
		{"192.168.255.255", "a private address"},
		{"192.169.0.0", ""},
		{"198.17.255.255", ""},
		{"198.18.0.0", "a benchmarking address"},
		{"198.19.255.255", "a benchmarking address"},
		{"198.20.0.0", ""},
		{"198.51.100.1", "a documentation address"},
		{"203.0.113.1", "a documentation address"},
		{"223.255.255.255", ""},
		{"224.0.0.0", "a multicast address"},
		{"239.255.255.255", "a multicast address"},
		{"240.0.0.0", "a reserved address"},
		{"255.255.255.254", "a reserved address"},
		{"255.255.255.255", "the broadcast address"},

		{"2606:4700::1111", ""},
		{"2001:4860:4860::8888", ""},
		{"2a00:1450:4001::1", ""},
		{"::", "an unspecified address"},
		{"::1", "a loopback address"},
		{"::2", "a reserved address"},
		{"::ffff:8.8.8.8", ""},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"::ffff:169.254.169.254", "a cloud metadata address"},
		{"::127.0.0.1", "a reserved address"},
		{"64:ff9b::808:808", ""},
		{"64:ff9b::7f00:1", "a loopback address"},
		{"64:ff9b::a9fe:a9fe", "a cloud metadata address"},
		{"64:ff9b:1::1", "a private (local NAT64) address"},
		{"100::1", "a reserved (discard-only) address"},
		{"2001::1", "a reserved (IETF protocol) address"},
		{"2001:2::1", "a benchmarking address"},
		{"2001:200::1", ""},
		{"2001:db8::1", "a documentation address"},
		{"2002:808:808::1", ""},
		{"2002:a00:1::1", "a private address"},
		{"2002:c0a8:101::1", "a private address"},
		{"3fff::1", "a documentation address"},
		{"4000::1", "a reserved address"},
		{"fc00::1", "a private (unique local) address"},
		{"fdff:ffff::1", "a private (unique local) address"},
		{"fd00:ec2::254", "a cloud metadata address"},
		{"fe80::1", "a link-local address"},
		{"fe80::1%eth0", "a link-local address"},
		{"febf::1", "a link-local address"},
		{"fec0::1", "a site-local address"},
		{"ff02::1", "a multicast address"},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, nonPublic(netip.MustParseAddr(tc.addr))); diff != "" {
				t.Errorf("nonPublic(%s) (-want +got):\n%s", tc.addr, diff)
			}
		})
	}
	if got := nonPublic(netip.Addr{}); got == "" {
		t.Error("nonPublic(zero Addr) = \"\", want it refused")
	}
}

func TestCheckConnection(t *testing.T) {
	tests := []struct {
		network, address string
		refused          bool
	}{
		{"tcp", "140.82.112.3:443", false},
		{"tcp6", "[2606:4700::1111]:443", false},
		{"tcp", "127.0.0.1:443", true},
		{"tcp4", "10.0.0.1:443", true},
		{"tcp6", "[fe80::1%eth0]:443", true},
		{"udp", "169.254.169.254:80", true},
		{"unix", "/run/docker.sock", true},
		{"tcp", "github.com:443", true},
	}
	for _, tc := range tests {
		t.Run(tc.network+" "+tc.address, func(t *testing.T) {
			if err := checkConnection(tc.network, tc.address); (err != nil) != tc.refused {
				t.Errorf("checkConnection(%s, %s) = %v, want refused %t", tc.network, tc.address, err, tc.refused)
			}
		})
	}
}

func TestEndsInNumber(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"2130706433", true},
		{"0x7f.1", true},
		{"foo.0x1F", true},
		{"example.123", true},
		{"github.com", false},
		{"0x7f.com", false},
		{"1password.com", false},
		{"a.0x", true}, // "0x" alone is 0 to browsers
		{"a.0xg", false},
	}
	for _, tc := range tests {
		if got := endsInNumber(tc.host); got != tc.want {
			t.Errorf("endsInNumber(%q) = %t, want %t", tc.host, got, tc.want)
		}
	}
}
