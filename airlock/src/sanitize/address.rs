//! Which IP addresses stay visible ([`VisibleAddresses`]): loopback and unspecified
//! addresses name no one, and a model debugging a connection needs to see them.

use std::net::{IpAddr, Ipv4Addr};

/// Which IP addresses the sanitizer leaves visible, set with
/// [`SanitizerBuilder::visible_addresses`](super::SanitizerBuilder::visible_addresses).
///
/// Loopback and unspecified addresses are not personal data, so by default they stay
/// visible (`Local`); private ranges are masked unless you choose `Private`, since an
/// internal address map can still be worth hiding.
///
/// ```
/// use airlock::sanitize::{Sanitizer, VisibleAddresses};
///
/// let log = "listening on 0.0.0.0:8080 and [::1]:8080; db at 10.0.3.17; client 203.0.113.9";
/// assert_eq!(
///     Sanitizer::new().sanitize(log).text,
///     "listening on 0.0.0.0:8080 and [::1]:8080; db at [IP_ADDRESS]; client [IP_ADDRESS]",
/// );
///
/// let private = Sanitizer::builder()
///     .visible_addresses(VisibleAddresses::Private)
///     .build()?;
/// assert_eq!(
///     private.sanitize(log).text,
///     "listening on 0.0.0.0:8080 and [::1]:8080; db at 10.0.3.17; client [IP_ADDRESS]",
/// );
///
/// let none = Sanitizer::builder()
///     .visible_addresses(VisibleAddresses::None)
///     .build()?;
/// assert_eq!(none.sanitize("from 127.0.0.1").text, "from [IP_ADDRESS]");
/// # Ok::<(), airlock::sanitize::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum VisibleAddresses {
    /// None: every address is masked, loopback included.
    None,
    /// Loopback (`127.0.0.0/8`, `::1`) and unspecified (`0.0.0.0`, `::`) addresses, also
    /// as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). The default.
    #[default]
    Local,
    /// The local addresses and the private ranges: `10.0.0.0/8`, `172.16.0.0/12`,
    /// `192.168.0.0/16`, link-local `169.254.0.0/16` and `fe80::/10`, and unique-local
    /// `fc00::/7`.
    Private,
}

impl VisibleAddresses {
    /// Whether the address written `text` stays visible. Text that does not parse as an
    /// address is masked: visibility is a reason to show, never a default.
    pub(crate) fn shows(self, text: &[u8]) -> bool {
        if self == VisibleAddresses::None {
            return false;
        }
        let Some(addr) = std::str::from_utf8(text)
            .ok()
            .and_then(|t| t.parse::<IpAddr>().ok())
        else {
            return false;
        };
        let private = self == VisibleAddresses::Private;
        match addr {
            IpAddr::V4(v4) => shows_v4(v4, private),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => shows_v4(v4, private),
                None => {
                    v6.is_loopback()
                        || v6.is_unspecified()
                        || (private && (v6.is_unique_local() || v6.is_unicast_link_local()))
                }
            },
        }
    }
}

fn shows_v4(v4: Ipv4Addr, private: bool) -> bool {
    v4.is_loopback() || v4.is_unspecified() || (private && (v4.is_private() || v4.is_link_local()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_addresses_show() {
        let local = [
            "127.0.0.1",
            "127.255.3.4",
            "0.0.0.0",
            "::1",
            "::",
            "::ffff:127.0.0.1",
        ];
        let private = [
            "10.0.0.1",
            "172.16.5.4",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "fe80::1ff:fe23:4567:890a",
            "fd12:3456:789a::1",
            "::ffff:192.168.10.20",
        ];
        let public = [
            "203.0.113.42",
            "8.8.8.8",
            "172.32.0.1",
            "2001:db8::1",
            "2606:4700:4700::1111",
            "not an address",
        ];
        for text in local {
            assert!(VisibleAddresses::Local.shows(text.as_bytes()), "{text}");
            assert!(VisibleAddresses::Private.shows(text.as_bytes()), "{text}");
            assert!(!VisibleAddresses::None.shows(text.as_bytes()), "{text}");
        }
        for text in private {
            assert!(!VisibleAddresses::Local.shows(text.as_bytes()), "{text}");
            assert!(VisibleAddresses::Private.shows(text.as_bytes()), "{text}");
        }
        for text in public {
            assert!(!VisibleAddresses::Private.shows(text.as_bytes()), "{text}");
        }
    }
}
